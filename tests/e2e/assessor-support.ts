import { expect, type Page } from "@playwright/test";
import { IN_ASSESSMENT_PROPOSALS } from "../../db/demo-data";
import { DEFAULT_RUBRIC, type RubricCriterion } from "../../lib/domain/rubric";

/** The demo call being assessed: four proposals, each assigned to all three demo assessors. */
export const TO_ASSESS = IN_ASSESSMENT_PROPOSALS.map((p) => p.title);
export const CRITERIA = DEFAULT_RUBRIC;

/** Comfortably over the 25-word minimum for a justification or for the bidder's feedback. */
export const JUSTIFICATION =
  "The proposal sets out a credible plan with named partners, clear milestones and evidence from earlier pilots. " +
  "Its main weakness is a thin account of how the results will be exploited in the UK once the project ends.";

/** From the assessor's dashboard, the row of a proposal still to assess. */
export function toAssessRow(page: Page, title: string) {
  return page.getByRole("table", { name: "Proposals to assess" }).getByRole("row").filter({ hasText: title });
}

export async function openFromDashboard(page: Page, title: string) {
  await page.goto("/assessments");
  await toAssessRow(page, title).getByRole("link", { name: title }).click();
  await page.waitForURL(/\/assessments\/\d+$/);
}

export function scoreGroup(page: Page, criterion: RubricCriterion) {
  return page.getByRole("group", { name: `Score for ${criterion.title}` });
}

export function justification(page: Page, criterion: RubricCriterion) {
  return page.getByLabel(`Justification for ${criterion.title}`, { exact: true });
}

export async function scoreCriterion(page: Page, criterion: RubricCriterion, score: number, text = JUSTIFICATION) {
  await scoreGroup(page, criterion).getByLabel(String(score), { exact: true }).check();
  await justification(page, criterion).fill(text);
}

export async function expectScored(page: Page, criterion: RubricCriterion, score: number, text = JUSTIFICATION) {
  await expect(scoreGroup(page, criterion).getByLabel(String(score), { exact: true })).toBeChecked();
  await expect(justification(page, criterion)).toHaveValue(text);
}
