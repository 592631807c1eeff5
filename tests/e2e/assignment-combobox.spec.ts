import { expect, test, type Locator, type Page } from "@playwright/test";
import { AWAITING_ASSIGNMENT_PROPOSALS } from "../../db/demo-data";
import { DEMO_CALLS, DEMO_USERS } from "../../db/seed";
import { expectNoAxeViolations, signedInWithoutJavaScript, signIn } from "./support";
import { largeCall } from "./support/large-call";

// The manager's assignment journey on the demo call awaiting assignment (this spec is the only
// one that changes that call): an assessor assigned through the combobox using only the keyboard,
// then "Assign automatically" (the optimal LP, run as a background job) with its progress and its
// report, which names the proposal the pool cannot cover, then a re-run that only fills gaps.
// Then the same combobox on a large call (tests/e2e/support/large-call.ts).

const MANAGER = "manager@demo.test";
/** The awaiting proposal with a partner at an assessor's organisation: automatic assignment leaves it short. */
const SHORT_PROPOSAL = AWAITING_ASSIGNMENT_PROPOSALS.find((p) =>
  p.partners.some((partner) => DEMO_USERS.some((u) => u.role === "assessor" && u.organisation === partner.organisation)),
)!;
const FIRST = AWAITING_ASSIGNMENT_PROPOSALS.find((p) => p !== SHORT_PROPOSAL)!;

async function openAssessors(page: Page): Promise<void> {
  await page.goto("/manage");
  await page.getByRole("link", { name: DEMO_CALLS.awaitingAssignment }).click();
  await page.waitForURL(/\/manage\/calls\/\d+$/);
  await page.getByRole("navigation", { name: "This call" }).getByRole("link", { name: "Assessors" }).click();
  await expect(page.getByRole("heading", { name: "Assessors", level: 1 })).toBeVisible();
}

const rowOf = (page: Page, title: string) =>
  page.getByRole("table", { name: /Submitted proposals and their assessors/ }).getByRole("row").filter({ hasText: title });

/** Presses Tab until `target` has the focus (keyboard only, as a user would). */
async function tabTo(page: Page, target: Locator, most = 40): Promise<void> {
  for (let i = 0; i < most; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("Tab never reached the element");
}

test("a manager assigns an assessor with the keyboard through the combobox, then assigns automatically and sees progress and the result", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, MANAGER);
  await openAssessors(page);
  await expectNoAxeViolations(page);

  // Keyboard only: from the proposal's link, Tab to its combobox, search, move, choose, assign.
  const row = rowOf(page, FIRST.title);
  const box = row.getByRole("combobox", { name: `Assessor to assign to ${FIRST.title}` });
  await row.getByRole("link", { name: FIRST.title }).focus();
  await tabTo(page, box);
  await expect(box).toHaveAttribute("aria-expanded", "false");
  await page.keyboard.type("Assessor");
  const list = row.getByRole("listbox");
  await expect(list).toBeVisible();
  await expect(box).toHaveAttribute("aria-expanded", "true");
  await expect(row.getByRole("status").filter({ hasText: /assessors? found/ })).toHaveText(/^\d+ assessors? found/);
  const options = list.getByRole("option");
  const count = await options.count();
  expect(count).toBeGreaterThan(1);
  await page.keyboard.press("ArrowDown");
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  await expect(box).toHaveAttribute("aria-activedescendant", (await options.first().getAttribute("id"))!);
  await page.keyboard.press("End");
  await expect(options.last()).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Home");
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowDown");
  await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
  await expectNoAxeViolations(page);
  const chosen = /^(.+?) \(/.exec((await options.nth(1).textContent()) ?? "")![1]!;
  await page.keyboard.press("Enter");
  await expect(box).toHaveValue(chosen);
  await expect(box).toHaveAttribute("aria-expanded", "false");
  // Escape closes an open list without losing the choice.
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Escape");
  await expect(box).toHaveAttribute("aria-expanded", "false");
  await expect(box).toHaveValue(chosen);
  await page.keyboard.press("Tab");
  await expect(row.getByRole("button", { name: `Assign to ${FIRST.title}` })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(row.getByText("1 of 3 (short)", { exact: true })).toBeVisible();
  await expect(row.getByRole("listitem").filter({ hasText: chosen })).toBeVisible();

  // Assign automatically: a background job, then its report. (Its progress box is not asserted:
  // the job can finish before the refreshed board renders, so the box may never show.)
  await page.getByRole("button", { name: "Assign automatically" }).click();
  const report = page.locator(".notification").filter({ hasText: "still short of assessors" });
  await expect(report).toBeVisible({ timeout: 60_000 });
  await expect(report.getByRole("heading", { name: /assignments added$/ })).toBeVisible();
  await expect(report.getByText(SHORT_PROPOSAL.title)).toBeVisible();
  await expect(report).toContainText("2 of 3 assessors. Only 2 eligible assessors: 1 works at a consortium organisation.");
  await expect(report).toContainText("from a pool of 3 assessors");
  for (const p of AWAITING_ASSIGNMENT_PROPOSALS) {
    await expect(rowOf(page, p.title).getByText(p === SHORT_PROPOSAL ? "2 of 3 (short)" : "3 of 3", { exact: true })).toBeVisible();
  }
  // The assessor assigned by hand stayed.
  await expect(row.getByRole("listitem").filter({ hasText: chosen })).toBeVisible();
  await expectNoAxeViolations(page);

  // Running it again only fills gaps: nothing is added, and the short proposal is still named.
  await page.getByRole("button", { name: "Assign automatically" }).click();
  await expect(page.getByRole("heading", { name: "No assessors were added" })).toBeVisible({ timeout: 60_000 });
  await expect(page.locator(".notification").getByText(SHORT_PROPOSAL.title)).toBeVisible();

  // Someone unassigned by hand is never offered for that proposal again.
  const unassign = row.getByRole("button", { name: /^Unassign / }).first();
  const name = /^Unassign (.+) from /.exec((await unassign.textContent()) ?? "")![1]!;
  await unassign.click();
  await expect(row.getByText("2 of 3 (short)")).toBeVisible();
  await box.fill(name);
  await expect(row.getByRole("option", { name: "No eligible assessors match" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("on a call of 1,500 proposals, the board pages and the combobox assigns with the keyboard", async ({ page }) => {
  test.setTimeout(180_000);
  const call = await largeCall({ key: "assignment", proposals: 1_500, awaitingAssessors: 3 });
  await signIn(page, call.manager.email, call.manager.password);
  await page.goto(`/manage/calls/${call.callId}/assignments`);
  await expect(page.getByRole("table", { name: /page 1 of 60, 1,500 proposals/ })).toBeVisible();
  await expect(page.getByText("9 places are still to fill.")).toBeVisible();
  // The proposals awaiting assessors were submitted last: the last page.
  await page.getByRole("navigation", { name: "Pages of proposals" }).getByRole("link", { name: /Next/ }).click();
  await expect(page.getByRole("table", { name: /page 2 of 60/ })).toBeVisible();
  await page.goto(`/manage/calls/${call.callId}/assignments?page=60`);
  const table = page.getByRole("table", { name: /page 60 of 60/ });
  const title = (await table.getByRole("row").filter({ hasText: "0 of 3 (short)" }).first().getByRole("link").first().textContent())!;
  const row = table.getByRole("row").filter({ hasText: title });
  const box = row.getByRole("combobox", { name: `Assessor to assign to ${title}` });
  await row.getByRole("link", { name: title }).focus();
  await tabTo(page, box);
  await page.keyboard.type("Assessor 0");
  await expect(row.getByRole("status").filter({ hasText: /assessors found/ })).toBeVisible();
  await page.keyboard.press("ArrowDown");
  const first = row.getByRole("listbox").getByRole("option").first();
  await expect(first).toHaveAttribute("aria-selected", "true");
  const chosen = /^(.+?) \(/.exec((await first.textContent()) ?? "")![1]!;
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(row.getByText("1 of 3 (short)", { exact: true })).toBeVisible();
  await expect(row.getByRole("listitem").filter({ hasText: chosen })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("without JavaScript, a manager searches the board for an assessor and assigns them with a plain form", async ({ browser }) => {
  test.setTimeout(120_000);
  const call = await largeCall({ key: "assignment-nojs", proposals: 100, awaitingAssessors: 2 });
  // The board is used without any script (signing in, which needs one, happens in another context).
  const { context, page } = await signedInWithoutJavaScript(browser, call.manager.email, call.manager.password);

  // 100 proposals, 25 a page: the two awaiting assessors were submitted last.
  const board = `/manage/calls/${call.callId}/assignments`;
  await page.goto(`${board}?page=4`);
  const table = () => page.getByRole("table", { name: /page 4 of 4/ });
  const title = (await table().getByRole("row").filter({ hasText: "0 of 3 (short)" }).first().getByRole("link").first().textContent())!;
  const row = () => table().getByRole("row").filter({ hasText: title });
  await row().getByRole("textbox", { name: `Assessor to assign to ${title}` }).fill("Assessor 0");
  await row().getByRole("button", { name: `Search assessors for ${title}` }).click();
  await page.waitForURL(/proposal=\d+/);
  const results = row().getByRole("list", { name: `Assessors to assign to ${title}` });
  const assign = results.getByRole("button").first();
  const chosen = /^Assign (.+) to /.exec((await assign.textContent()) ?? "")![1]!;
  const searchUrl = page.url();
  await assign.click();
  await page.waitForURL(/assigned=/);
  await expect(page.getByRole("status").filter({ hasText: `An assessor has been assigned to ${title}.` })).toBeVisible();
  await expect(row().getByText("1 of 3 (short)", { exact: true })).toBeVisible();
  await expect(row().getByRole("listitem").filter({ hasText: chosen })).toBeVisible();
  const storageState = await context.storageState();
  await context.close();

  // The search page is accessible too (axe needs the page's script to run, so with JavaScript).
  const withScript = await browser.newContext({ storageState });
  const check = await withScript.newPage();
  await check.goto(searchUrl);
  await expect(check.getByRole("list", { name: `Assessors to assign to ${title}` })).toBeVisible();
  await expectNoAxeViolations(check);
  await withScript.close();
});
