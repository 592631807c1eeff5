import { expect, test, type Page } from "@playwright/test";
import { PORTFOLIO_CALL_PROPOSALS } from "../../db/demo-data";
import { DEMO_CALLS } from "../../db/seed";
import { expectNoAxeViolations, field, signIn } from "./support";

// The portfolio optimiser on the demo call built for it (nobody else's tests touch that call):
// its rank-order line funds two proposals from one lead organisation and no net-zero project.

const MANAGER = "manager@demo.test";
const SOLVE_TIMEOUT = { timeout: 90_000 };

async function openCall(page: Page, title: string): Promise<number> {
  await page.goto("/manage");
  await page.getByRole("link", { name: title }).click();
  await page.waitForURL(/\/manage\/calls\/\d+$/);
  return Number(new URL(page.url()).pathname.split("/").at(-1));
}

const planTable = (page: Page) => page.getByRole("table", { name: /Every ranked proposal, in rank order/ });

test("a manager adds two balance rules, sees the plan change and each rule's price, adopts it and finds the decisions pre-filled", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, MANAGER);
  const callId = await openCall(page, DEMO_CALLS.portfolio);
  await page.getByRole("navigation", { name: "This call" }).getByRole("link", { name: "Portfolio" }).click();
  await expect(page.getByRole("heading", { name: "Portfolio", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);

  // A first scenario with no rules: the plan is the rank-order line.
  await field(page, "name").fill("Balanced portfolio");
  await page.getByRole("button", { name: "Save and solve" }).click();
  await page.waitForURL(new RegExp(`/manage/calls/${callId}/portfolio/\\d+$`));
  await expect(page.getByRole("heading", { name: "Price of balance" })).toBeVisible(SOLVE_TIMEOUT);
  await expect(planTable(page).getByText(/swapped (in|out) by rule/)).toHaveCount(0);
  await expectNoAxeViolations(page);

  // Rule 1: at least 30 % of the budget to net zero.
  await page.getByRole("button", { name: "Add a rule" }).click();
  const rule1 = page.getByRole("group", { name: "Rule 1" });
  await rule1.getByLabel("Limit").selectOption("min");
  await rule1.getByLabel("Amount").fill("30");
  await rule1.getByLabel("Measured as").selectOption("share");
  await rule1.getByLabel("For").selectOption("theme");
  await rule1.getByLabel("Group").selectOption({ label: "Net zero" });
  // Rule 2: at most 1 award per lead organisation.
  await page.getByRole("button", { name: "Add a rule" }).click();
  const rule2 = page.getByRole("group", { name: "Rule 2" });
  await rule2.getByLabel("Limit").selectOption("max");
  await rule2.getByLabel("Amount").fill("1");
  await rule2.getByLabel("Measured as").selectOption("count");
  await rule2.getByLabel("For").selectOption("lead-organisation");
  await rule2.getByLabel("Group").selectOption({ label: "Each lead organisation separately" });

  // A share over 100 % is refused on its field first.
  await field(page, "rules.0.value").fill("130");
  await page.getByRole("button", { name: "Save and solve again" }).click();
  await expect(page.getByRole("alert").getByRole("link", { name: "A share cannot be more than 100 % of the budget" })).toBeVisible();
  await expectNoAxeViolations(page);
  await field(page, "rules.0.value").fill("30");
  await page.getByRole("button", { name: "Save and solve again" }).click();

  // The plan changes: a net-zero proposal is swapped in, the second award to one lead swapped out.
  const netZero = "“At least 30 % of the budget (£600,000) to Net zero”";
  const perLead = "“At most 1 award per lead organisation”";
  await expect(planTable(page).getByText(`swapped in by rule ${netZero}`)).toBeVisible(SOLVE_TIMEOUT);
  await expect(planTable(page).getByText(`swapped out by rule ${perLead}`)).toBeVisible();

  // The price of each rule.
  const prices = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Quality it costs" }) });
  await expect(prices.getByRole("row", { name: /At least 30 % of the budget/ })).toBeVisible();
  await expect(prices.getByRole("row", { name: /At most 1 award per lead organisation/ })).toBeVisible();
  await expect(page.getByText(/Quality given up against the rank-order line/)).toBeVisible();
  await expect(page.getByRole("figure").first()).toBeVisible();
  await expectNoAxeViolations(page);

  // plan.csv has the plan's columns.
  const csv = await page.request.get(await page.getByRole("link", { name: "Download the plan (plan.csv)" }).getAttribute("href").then((h) => h!));
  expect(csv.status()).toBe(200);
  const body = (await csv.body()).toString("utf8");
  expect(body.startsWith("\uFEFFRank,Proposal,Lead organisation,Grant requested,Selected,Reason,Cumulative grant\r\n")).toBe(true);
  expect(body).toContain("swapped in by rule");

  // Adopt: the decisions are pre-filled.
  await field(page, "reserves").fill("1");
  await page.getByRole("button", { name: "Adopt this scenario and pre-fill decisions" }).click();
  // The stored state after the refresh, not the form's own notice (a refresh may unmount it).
  await expect(page.getByText("Adopted", { exact: true }).first()).toBeVisible();

  await page.getByRole("navigation", { name: "This call" }).getByRole("link", { name: "Ranking" }).click();
  const ranking = page.getByRole("table", { name: /ranked proposals/ });
  const swappedIn = planSwappedIn();
  const swappedOut = PORTFOLIO_CALL_PROPOSALS[1]!.title;
  await expect(ranking.getByRole("row").filter({ hasText: swappedIn }).getByText("Fund", { exact: true })).toBeVisible();
  await expect(ranking.getByRole("row").filter({ hasText: swappedOut }).getByText("Reserve list", { exact: true })).toBeVisible();
  await expect(ranking.getByText("Do not fund", { exact: true }).first()).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("navigation", { name: "This call" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Portfolio scenario adopted" })).toBeVisible();
});

/** The demo call's net-zero proposal that the rank-order line leaves out (the lower-ranked of its two). */
function planSwappedIn(): string {
  return PORTFOLIO_CALL_PROPOSALS.find((p) => p.domainId === "remanufacturing")!.title;
}
