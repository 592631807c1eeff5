import { expect, test } from "@playwright/test";
import {
  CRITERIA,
  JUSTIFICATION,
  TO_ASSESS,
  expectScored,
  justification,
  openFromDashboard,
  scoreCriterion,
  scoreGroup,
  toAssessRow,
} from "./assessor-support";
import { expectNoAxeViolations, signIn, waitForSaved } from "./support";

// Each test uses its own demo assignment (assessor and proposal), so the tests do not depend on
// their order: assessor1 scores the first proposal; assessor2 declares a conflict on the second
// and drafts the third across an expired session; assessor3 declares a late conflict on the
// fourth; the access checks only read (assessor3's third).

test("an assessor declares no conflict, scores every criterion over two sittings and submits", async ({ page }) => {
  const title = TO_ASSESS[0]!;
  await signIn(page, "assessor1@demo.test");
  await page.goto("/assessments");
  await expect(page.getByRole("heading", { name: "Your assessments", level: 1 })).toBeVisible();
  await expect(toAssessRow(page, title).getByText("Not started")).toBeVisible();
  await expectNoAxeViolations(page);

  // Declaration first: who is involved is shown, the proposal itself is not.
  await openFromDashboard(page, title);
  await expect(page.getByRole("heading", { name: "Declare any conflict of interest" })).toBeVisible();
  await expect(page.getByText("Coventry Fuel Cell Components Ltd")).toBeVisible();
  await expect(page.getByRole("heading", { name: "The proposal" })).toHaveCount(0);
  await expect(page.getByText("Strategic fit")).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Confirm declaration" }).click();
  const declarationErrors = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(declarationErrors.getByRole("link", { name: "Select whether you have a conflict of interest" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("No, I have no conflict of interest").check();
  await page.getByRole("button", { name: "Confirm declaration" }).click();

  // The proposal, with its strategic fit, beside the rubric.
  await expect(page.getByRole("heading", { name: "The proposal" })).toBeVisible();
  await expect(page.getByRole("region", { name: "The proposal" }).getByText("Shortlisted pair")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Your assessment", exact: true })).toBeVisible();
  const first = CRITERIA[0]!;
  await expect(scoreGroup(page, first).getByText("Adequate")).toBeVisible();
  await expect(page.getByText(first.guidance[0]!)).toBeVisible();

  // First sitting: three criteria, with a live word count.
  await scoreGroup(page, first).getByLabel("7", { exact: true }).check();
  await justification(page, first).fill("Too short so far.");
  await expect(page.locator(`#f-justifications-${first.key}-count`)).toHaveText("4 words: write at least 21 more to submit");
  await justification(page, first).fill(JUSTIFICATION);
  await expect(page.getByText(/\d+ words: enough to submit/).first()).toBeVisible();
  await scoreCriterion(page, CRITERIA[1]!, 6);
  await scoreCriterion(page, CRITERIA[2]!, 8);
  await waitForSaved(page);
  await expect(page.locator("#assessment-progress")).toHaveText("3 of 7 criteria scored and justified");
  await expectNoAxeViolations(page);

  // A second sitting: everything is still there.
  await page.reload();
  await expectScored(page, first, 7);
  await expectScored(page, CRITERIA[1]!, 6);
  await expectScored(page, CRITERIA[2]!, 8);
  await page.goto("/assessments");
  await expect(toAssessRow(page, title).getByText("In progress")).toBeVisible();
  await openFromDashboard(page, title);

  // Submitting with gaps: the summary's links lead to the fields.
  await page.getByRole("button", { name: "Submit assessment" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toBeVisible();
  const grand = CRITERIA.find((c) => c.key === "grand-challenges")!;
  await summary.getByRole("link", { name: `Enter a score for ${grand.title}` }).click();
  await expect(scoreGroup(page, grand).getByLabel("0", { exact: true })).toBeFocused();
  await expect(summary.getByRole("link", { name: "Select how confident you are in this assessment" })).toBeVisible();
  await expectNoAxeViolations(page);

  for (const c of CRITERIA.slice(3)) await scoreCriterion(page, c, 5);
  await page.getByLabel("Feedback for the bidder").fill(JUSTIFICATION);
  await page.getByLabel("Comment for portfolio managers (optional)").fill("Strong team; the budget looks tight.");
  await page.getByRole("group", { name: "Is this proposal in scope of the call?" }).getByLabel("Yes", { exact: true }).check();
  await page.getByLabel("Yes, fund this proposal").check();
  await page.getByLabel("High", { exact: true }).check();
  await expect(page.locator("#assessment-progress")).toHaveText("7 of 7 criteria scored and justified");
  await page.getByRole("button", { name: "Submit assessment" }).click();

  // Read-only once submitted.
  await page.waitForURL(/\/assessments\/\d+\?submitted=1$/);
  await expect(page).toHaveTitle("Assess a proposal – Tandem");
  await expect(page.getByRole("heading", { name: "Assessment submitted" })).toBeVisible();
  await expect(page.getByText("This assessment is read-only.")).toBeVisible();
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expect(page.getByRole("radio")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Submit assessment" })).toHaveCount(0);
  await expect(page.getByText("7 out of 10 – Good")).toBeVisible();
  await expect(page.getByText("Yes, fund this proposal")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto("/assessments");
  await expect(toAssessRow(page, title)).toHaveCount(0);
  const submittedRow = page.getByRole("table", { name: "Submitted assessments" }).getByRole("row").filter({ hasText: title });
  await expect(submittedRow.getByText("Submitted")).toBeVisible();
});

test("an assessor who declares a conflict of interest loses access to the proposal", async ({ page }) => {
  const title = TO_ASSESS[1]!;
  await signIn(page, "assessor2@demo.test");
  await openFromDashboard(page, title);
  const url = page.url();

  await page.getByLabel("Yes, I have a conflict of interest").check();
  await page.getByRole("button", { name: "Confirm declaration" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await summary.getByRole("link", { name: "Describe your conflict of interest" }).click();
  await expect(page.getByLabel("Describe the conflict of interest")).toBeFocused();
  await expectNoAxeViolations(page);

  await page.getByLabel("Describe the conflict of interest").fill("I advised the lead organisation on its bid last year.");
  await page.getByRole("button", { name: "Confirm declaration" }).click();
  await page.waitForURL(/\/assessments\?declared=conflict$/);
  // A client-side navigation: the new page's title arrives with its metadata.
  await expect(page).toHaveTitle("Your assessments – Tandem");
  await expect(page.getByRole("heading", { name: "Conflict of interest recorded" })).toBeVisible();
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);
  await expectNoAxeViolations(page);

  const response = await page.goto(url);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("an assignment that is not the assessor's own is not found", async ({ page, browser }) => {
  // Another assessor's assignment to a proposal in the same call.
  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await signIn(ownerPage, "assessor3@demo.test");
  await ownerPage.goto("/assessments");
  const href = await toAssessRow(ownerPage, TO_ASSESS[2]!).getByRole("link").getAttribute("href");
  await owner.close();
  expect(href).toMatch(/^\/assessments\/\d+$/);

  await signIn(page, "assessor1@demo.test");
  for (const url of [href!, "/assessments/999999", "/assessments/abc", "/assessments/1e1"]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  await expectNoAxeViolations(page);

  // Bidders never reach the assessors' pages at all.
  await page.context().clearCookies();
  await signIn(page, "bidder@demo.test");
  await page.goto(href!);
  await expect(page.getByRole("heading", { name: "You are not allowed to see this page" })).toBeVisible();
});

test("a conflict noticed while reading can still be declared, and ends access", async ({ page }) => {
  const title = TO_ASSESS[3]!;
  await signIn(page, "assessor3@demo.test");
  await openFromDashboard(page, title);
  const url = page.url();
  await page.getByLabel("No, I have no conflict of interest").check();
  await page.getByRole("button", { name: "Confirm declaration" }).click();
  await expect(page.getByRole("heading", { name: "The proposal" })).toBeVisible();

  await page.getByText("I have found a conflict of interest").click();
  await page.getByLabel("Describe the conflict of interest").fill("The partner's lead researcher was my PhD student.");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Declare a conflict of interest" }).click();
  await page.waitForURL(/\/assessments\?declared=conflict$/);
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);
  expect((await page.goto(url))?.status()).toBe(404);
});

test("an expired session loses nothing typed: sign in again and the scores are saved", async ({ page, context }) => {
  await signIn(page, "assessor2@demo.test");
  await openFromDashboard(page, TO_ASSESS[2]!);
  await page.getByLabel("No, I have no conflict of interest").check();
  await page.getByRole("button", { name: "Confirm declaration" }).click();
  await scoreCriterion(page, CRITERIA[0]!, 4);
  await waitForSaved(page);

  await context.clearCookies();
  await scoreCriterion(page, CRITERIA[1]!, 3, "Typed after the session expired.");
  await expect(page.locator("#save-status")).toContainText("Your session has expired");

  await page.getByRole("link", { name: "Sign in again" }).click();
  await page.getByLabel("Email address").fill("assessor2@demo.test");
  await page.getByLabel("Password").fill("tandem-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/assessments\/\d+$/);
  await expect(page.getByText("We brought back changes you made on this device")).toBeVisible();
  await expectScored(page, CRITERIA[1]!, 3, "Typed after the session expired.");
  await waitForSaved(page);

  // The server has it now: without the copy on this device, the page still shows it.
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await expectScored(page, CRITERIA[0]!, 4);
  await expectScored(page, CRITERIA[1]!, 3, "Typed after the session expired.");
});
