"use server";

import { paths } from "@/lib/paths";
import { adoptScenarioInput, saveScenarioInput } from "@/lib/validation/portfolio";
import { serverAction, type Revalidation } from "../action";
import * as scenarios from "../manage/scenarios";

// session → permission → zod (the form's schema) → data layer (released calls refused, scenario
// solved again in the background) → revalidate → typed result.

const MANAGER_PAGES: readonly Revalidation[] = [{ path: paths.manage, type: "layout" }];

export const saveScenarioAction = serverAction({
  name: "scenario.save",
  permission: "portfolio:manage",
  schema: saveScenarioInput,
  fieldsWithin: "values",
  run: (input, actor, now) => scenarios.saveScenario(actor, input, now),
  revalidate: MANAGER_PAGES,
});

export const adoptScenarioAction = serverAction({
  name: "scenario.adopt",
  permission: "portfolio:manage",
  schema: adoptScenarioInput,
  run: (input, actor, now) => scenarios.adoptScenario(actor, input, now),
  revalidate: MANAGER_PAGES,
});
