import { expect, test } from "@playwright/test";
import { DEMO_CALLS } from "../../db/seed";
import { CRITERIA, JUSTIFICATION, TO_ASSESS, openFromDashboard, scoreCriterion } from "./assessor-support";
import { expectNoAxeViolations, field, setPasswordWithLink, signIn } from "./support";

const A11Y = { wcag22: true };

// assessor1 has two unanswered demo invitations (the open call and the upcoming one) and scores
// the second proposal of the call under assessment, which no other browser test submits.

test("an assessor accepts one invitation, declines another with a reason, then scores with the in-scope question", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "assessor1@demo.test");
  await page.goto("/assessments");
  const invitations = page.getByRole("region", { name: "Invitations to answer" }).or(page.locator("section").filter({ has: page.getByRole("heading", { name: "Invitations to answer" }) }));
  await expect(invitations.getByRole("link", { name: new RegExp(DEMO_CALLS.open) })).toBeVisible();
  await expectNoAxeViolations(page, A11Y);

  // Accept, with a maximum.
  await invitations.getByRole("link", { name: new RegExp(DEMO_CALLS.open) }).click();
  await page.waitForURL(/\/assessments\/invitations\/\d+$/);
  await expectNoAxeViolations(page, A11Y);
  await page.getByRole("button", { name: "Send your answer" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary.getByRole("link", { name: "Select whether you will assess proposals for this call" })).toBeVisible();
  await page.getByLabel("Yes, I accept").check();
  await page.getByLabel("Maximum number of proposals you will assess (optional)").fill("5");
  await expectNoAxeViolations(page, A11Y);
  await page.getByRole("button", { name: "Send your answer" }).click();
  await page.waitForURL(/\/assessments\?answered=accepted$/);
  await expect(page.getByRole("heading", { name: "Invitation accepted" })).toBeVisible();

  // Decline the other, with "Other" and a reason.
  await page.getByRole("link", { name: new RegExp(DEMO_CALLS.upcoming) }).click();
  await page.getByLabel("No, I decline").check();
  await page.getByLabel("Other").check();
  await page.getByRole("button", { name: "Send your answer" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" }).getByRole("link", { name: "Enter why you are declining" })).toBeVisible();
  await page.getByLabel("Tell us why").fill("I advise one of the likely applicants.");
  await page.getByRole("button", { name: "Send your answer" }).click();
  await page.waitForURL(/\/assessments\?answered=declined$/);
  await expect(page.getByText("I advise one of the likely applicants.")).toBeVisible();
  await expectNoAxeViolations(page, A11Y);

  // Score a proposal: "Is this proposal in scope of the call?" is required, with a comment for "No".
  const title = TO_ASSESS[1]!;
  await openFromDashboard(page, title);
  await page.getByLabel("No, I have no conflict of interest").check();
  await page.getByRole("button", { name: "Confirm declaration" }).click();
  const pane = page.getByRole("region", { name: "The proposal" });
  await expect(pane.getByRole("heading", { name: "Appendices" })).toBeVisible();
  await expect(pane.getByText(/\(PDF, \d+(KB| bytes)\)/).first()).toBeVisible();
  for (const c of CRITERIA) await scoreCriterion(page, c, 6);
  await page.getByLabel("Feedback for the bidder").fill(JUSTIFICATION);
  await page.getByLabel("Yes, fund this proposal").check();
  await page.getByLabel("Medium", { exact: true }).check();
  await page.getByRole("button", { name: "Submit assessment" }).click();
  const errors = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(errors.getByRole("link", { name: "Select yes if this proposal is in scope of the call" })).toBeVisible();
  const scope = page.getByRole("group", { name: "Is this proposal in scope of the call?" });
  await scope.getByLabel("No", { exact: true }).check();
  await page.getByRole("button", { name: "Submit assessment" }).click();
  await expect(errors.getByRole("link", { name: "Explain why this proposal is out of scope of the call" })).toBeVisible();
  await expectNoAxeViolations(page, A11Y);
  await page.getByLabel("Why is it out of scope?").fill("Power electronics packaging is outside this call's materials focus.");
  await page.getByRole("button", { name: "Submit assessment" }).click();
  await page.waitForURL(/\/assessments\/\d+\?submitted=1$/);
  await expect(page.getByText("No: Power electronics packaging is outside this call's materials focus.")).toBeVisible();
});

test("a manager sees who accepted, who declined and why, the in-scope votes in the ranking, and the appendices", async ({ page, request }) => {
  await signIn(page, "manager@demo.test");
  await page.getByRole("link", { name: DEMO_CALLS.upcoming }).click();
  await page.waitForURL(/\/manage\/calls\/\d+$/);
  await page.getByRole("navigation", { name: "This call" }).getByRole("link", { name: "Invitations" }).click();
  await page.waitForURL(/\/invitations$/);
  const table = page.getByRole("table", { name: "Assessors and their invitations" });
  await expect(table.getByRole("row").filter({ hasText: "Cleo Assessor" }).getByText("On sabbatical in Japan until the spring.")).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: "Ben Assessor" }).getByText("Accepted")).toBeVisible();
  await expectNoAxeViolations(page, A11Y);

  await page.getByRole("link", { name: "All calls" }).click();
  await page.waitForURL(/\/manage$/);
  await page.getByRole("link", { name: DEMO_CALLS.ranked }).click();
  await page.waitForURL(/\/manage\/calls\/\d+$/);
  const callUrl = page.url();
  await page.goto(`${callUrl}/ranking`);
  await expect(page.getByText("Majority out of scope").first()).toBeVisible();
  const csv = await page.request.get(`${callUrl}/export/ranking.csv`);
  const header = (await csv.text()).split("\n")[0]!;
  expect(header).toContain("In scope votes");

  // The proposal's appendices, for the manager: listed with type and size, served as attachments.
  await page.getByRole("link", { name: "IIoT retrofit kit for foundries" }).first().click();
  await page.waitForURL(/\/proposals\/\d+$/);
  const appendices = page.getByRole("region", { name: "Appendices" });
  await expect(appendices.getByText(/\(PDF, \d+(KB| bytes)\)/).first()).toBeVisible();
  await expectNoAxeViolations(page, A11Y);
  const href = (await appendices.getByRole("link").first().getAttribute("href"))!;
  const download = await page.request.get(href);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toMatch(/^attachment; filename="[^"]+\.pdf"/);
  expect(download.headers()["x-content-type-options"]).toBe("nosniff");
  expect((await download.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  // Signed out (no cookies): the same 404 as a file that does not exist.
  expect((await request.get(href)).status()).toBe(404);

  // The open call's appendix slots.
  await page.goto("/manage");
  await page.getByRole("link", { name: DEMO_CALLS.open }).click();
  await page.waitForURL(/\/manage\/calls\/\d+$/);
  await page.getByRole("navigation", { name: "This call" }).getByRole("link", { name: "Appendices" }).click();
  await page.waitForURL(/\/appendices$/);
  const slots = page.getByRole("table", { name: "Appendices bidders are asked for" });
  await expect(slots.getByRole("row").filter({ hasText: "Other supporting documents" }).getByText("Optional")).toBeVisible();
  await expectNoAxeViolations(page, A11Y);
});

test("a manager adds an assessor and invites them to a call, and the assessor accepts with a maximum", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const newcomer = { name: `Dara Assessor ${stamp}`, email: `dara.${stamp}@assessors.example`, password: "dara-assessor-pass-1" };

  // The manager adds the assessor under People; the assessor sets a password from the link.
  await signIn(page, "manager@demo.test");
  await page.goto("/manage/people/new");
  await page.getByLabel(/^Assessor/).check();
  await field(page, "name").fill(newcomer.name);
  await field(page, "email").fill(newcomer.email);
  await field(page, "organisation").fill("University of Strathclyde");
  await field(page, "country").selectOption("GB");
  await page.getByLabel("Additive manufacturing").check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Account created" })).toBeVisible();
  await setPasswordWithLink(browser, await page.getByLabel(`Set-password link for ${newcomer.name}`).inputValue(), newcomer.password);

  // The manager invites them to the open call: selecting nobody is refused first.
  await page.goto("/manage");
  await page.getByRole("link", { name: DEMO_CALLS.open }).click();
  await page.waitForURL(/\/manage\/calls\/\d+$/);
  await page.getByRole("navigation", { name: "This call" }).getByRole("link", { name: "Invitations" }).click();
  await page.waitForURL(/\/invitations$/);
  const invitationsUrl = page.url();
  await page.getByRole("button", { name: "Send invitations" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toBeVisible();
  await expectNoAxeViolations(page, A11Y);
  await page.getByRole("group", { name: "Invite assessors" }).getByLabel(new RegExp(newcomer.name)).check();
  await page.getByRole("button", { name: "Send invitations" }).click();
  await expect(page.getByText("1 assessor has been invited.")).toBeVisible();
  const table = page.getByRole("table", { name: "Assessors and their invitations" });
  await expect(table.getByRole("row").filter({ hasText: newcomer.name })).toContainText("Invited");
  await expectNoAxeViolations(page, A11Y);

  // The assessor finds the invitation on their dashboard and accepts, taking at most 3 proposals.
  const context = await browser.newContext();
  const assessor = await context.newPage();
  await signIn(assessor, newcomer.email, newcomer.password);
  await assessor.goto("/assessments");
  await assessor.getByRole("link", { name: new RegExp(DEMO_CALLS.open) }).first().click();
  await assessor.waitForURL(/\/assessments\/invitations\/\d+$/);
  await assessor.getByLabel("Yes, I accept").check();
  await assessor.getByLabel("Maximum number of proposals you will assess (optional)").fill("3");
  await assessor.getByRole("button", { name: "Send your answer" }).click();
  await assessor.waitForURL(/\/assessments\?answered=accepted$/);
  await expect(assessor.getByRole("heading", { name: "Invitation accepted" })).toBeVisible();
  await expectNoAxeViolations(assessor, A11Y);
  await context.close();

  // The manager sees the answer, and both steps are in the call's audit log.
  await page.goto(invitationsUrl);
  await expect(table.getByRole("row").filter({ hasText: newcomer.name })).toContainText("Accepted at most 3 proposals");
  await page.getByRole("navigation", { name: "This call" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Assessor invited" }).filter({ hasText: newcomer.name })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Invitation accepted" }).filter({ hasText: newcomer.name })).toBeVisible();
});

