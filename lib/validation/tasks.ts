/** "Have you completed this section?" (GOV.UK complete multiple tasks pattern), on every task page. */
import { z } from "zod";
import { COMPLETED_OPTIONS, COMPLETED_REQUIRED, type CompletedAnswer } from "./completed-question";

export { COMPLETED_OPTIONS, COMPLETED_QUESTION, COMPLETED_REQUIRED, NOT_COMPLETE_YET, type CompletedAnswer } from "./completed-question";

const ANSWERS = COMPLETED_OPTIONS.map((o) => o.value) as [CompletedAnswer, ...CompletedAnswer[]];
export const completedAnswer = z.enum(ANSWERS, { error: COMPLETED_REQUIRED });
