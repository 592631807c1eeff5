import "server-only";
import { PORTFOLIO_JOB } from "../manage/scenarios";
import { autoAssignJob } from "../manage/assignments";
import { calibrationJob } from "../manage/calibration";
import type { JobDefinition } from "./index";
import type { JobKind } from "./registry";

/**
 * The job kinds a page can show progress for, by kind: the progress route
 * (app/manage/calls/[id]/jobs/[kind]/route.ts) looks the kind up here to check the permission and
 * the data version. Add your definition when you add a kind (see ./index.ts).
 */
export const JOB_DEFINITIONS: Partial<{ [K in JobKind]: JobDefinition<K> }> = {
  portfolio: PORTFOLIO_JOB,
  calibration: calibrationJob,
  autoAssignment: autoAssignJob,
};
