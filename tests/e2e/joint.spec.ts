import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_CALLS } from "../../db/seed";
import { DEMO_JOINT_CALL_TITLE, JOINT_CALL_PROPOSALS } from "../../db/seed-joint";
import { CRITERIA, JUSTIFICATION, openFromDashboard, scoreCriterion } from "./assessor-support";
import { makeDemoPdf } from "../../db/demo-pdf";
import { completeSection, expectNoAxeViolations, field, fillSection, setPasswordWithLink, signIn, waitForSaved } from "./support";

// Issue 14: a joint call with a partner-country funder, end to end in the browser. A home manager
// adds a partner agency (in Germany, budgets in euros) and its first manager; that manager sets a
// password and adds an assessor of their own; the home manager creates a joint call; a bidder
// submits with both grants; each agency assigns its own assessor, who scores; both managers decide
// and confirm the release; the bidder sees the joint outcome. The tests run in order and share
// what they create. A last test reads the demo's UK–Korea call as the KIAT manager.

test.describe.configure({ mode: "serial" });

const HOME_MANAGER = "manager@demo.test";
const HOME_ASSESSOR = { email: "assessor1@demo.test", name: "Ada Assessor" };
const stamp = Date.now();
const AGENCY = { name: `Projektträger Jülich ${stamp}`, country: "DE", currency: "EUR" };
const PARTNER_MANAGER = { name: "Lena Vogel", email: `lena.vogel.${stamp}@ptj.example`, password: "partner-manager-pass-1" };
const PARTNER_ASSESSOR = { name: "Jonas Becker", email: `jonas.becker.${stamp}@ptj.example`, password: "partner-assessor-pass-1" };
const BIDDER = { email: `joint-bidder-${stamp}@example.test`, password: "a-long-password-1" };
const CALL_TITLE = `UK–Germany additive manufacturing joint call ${stamp}`;
const PROPOSAL_TITLE = "Qualified laser powder bed fusion for aerospace brackets";

const state: { callId?: number; proposalId?: number } = {};

/** A date and time as the call form's datetime-local fields take it, in UK time. */
function londonInput(date: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/London",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000);

async function session(browser: Browser, email: string, password?: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  return { context, page };
}

const callNav = (page: Page) => page.getByRole("navigation", { name: "This call" });

async function openTask(page: Page, title: string) {
  await page.getByRole("link", { name: title, exact: true }).click();
  await page.waitForURL(/\/proposals\/\d+\/(sections|appendices|check)/);
}

const validPdf = (name: string) => ({ name, mimeType: "application/pdf", buffer: makeDemoPdf([name, "Work packages and milestones"]) });

test("a home manager adds a partner agency and its first manager, who sets a password and adds an assessor of their own", async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  await signIn(page, HOME_MANAGER);
  await page.goto("/manage");
  await page.getByRole("link", { name: "Partner agencies" }).click();
  await expect(page.getByRole("heading", { name: "Agencies", level: 1 })).toBeVisible();
  await expect(page.getByRole("table", { name: "The home agency and its partner agencies" }).getByText("Innovate UK")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Add a partner agency" }).click();
  await expect(page.getByRole("heading", { name: "Add a partner agency", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Create agency and manager" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toBeVisible();
  await expectNoAxeViolations(page);

  await field(page, "name").fill(AGENCY.name);
  await field(page, "country").selectOption(AGENCY.country);
  await field(page, "currency").selectOption(AGENCY.currency);
  await field(page, "managerName").fill(PARTNER_MANAGER.name);
  await field(page, "managerEmail").fill(PARTNER_MANAGER.email);
  await page.getByRole("button", { name: "Create agency and manager" }).click();
  await expect(page.getByRole("heading", { name: `${AGENCY.name} added` })).toBeVisible();
  const managerLink = await page.getByLabel(`Set-password link for ${PARTNER_MANAGER.name}`).inputValue();
  expect(managerLink).toMatch(/\/set-password\/[A-Za-z0-9_-]+$/);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Back to agencies" }).click();
  await expect(page.getByRole("row").filter({ hasText: AGENCY.name })).toContainText("Germany");

  // The partner manager sets a password, then sees no calls: none is theirs yet.
  await setPasswordWithLink(browser, managerLink, PARTNER_MANAGER.password);
  const partner = await session(browser, PARTNER_MANAGER.email, PARTNER_MANAGER.password);
  await partner.page.goto("/manage");
  await expect(partner.page.getByRole("heading", { name: "Calls", level: 1 })).toBeVisible();
  const main = partner.page.locator("main");
  for (const title of Object.values(DEMO_CALLS)) await expect(main.getByText(title)).toHaveCount(0);
  await expect(main.getByText(DEMO_JOINT_CALL_TITLE)).toHaveCount(0);
  await expectNoAxeViolations(partner.page);

  // They add an assessor of their own agency, who sets a password too.
  await partner.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
  await expect(partner.page.getByRole("heading", { name: "Assessors and managers" })).toBeVisible();
  await expect(partner.page.locator("main").getByText(HOME_ASSESSOR.name)).toHaveCount(0);
  await expectNoAxeViolations(partner.page);
  await partner.page.getByRole("link", { name: "Add a person" }).click();
  await partner.page.waitForURL(/\/manage\/people\/new$/);
  await partner.page.getByLabel(/^Assessor/).check();
  await field(partner.page, "name").fill(PARTNER_ASSESSOR.name);
  await field(partner.page, "email").fill(PARTNER_ASSESSOR.email);
  await field(partner.page, "organisation").fill("RWTH Aachen University");
  await field(partner.page, "country").selectOption("DE");
  await partner.page.getByLabel("Additive manufacturing").check();
  await partner.page.getByRole("button", { name: "Create account" }).click();
  await expect(partner.page.getByRole("heading", { name: "Account created" })).toBeVisible();
  const assessorLink = await partner.page.getByLabel(`Set-password link for ${PARTNER_ASSESSOR.name}`).inputValue();
  await partner.context.close();
  await setPasswordWithLink(browser, assessorLink, PARTNER_ASSESSOR.password);
});

test("the home manager creates a joint call with the partner agency, with a budget in each currency", async ({ page, browser }) => {
  test.setTimeout(240_000);
  await signIn(page, HOME_MANAGER);
  await page.goto("/manage/calls/new");
  await field(page, "title").fill(CALL_TITLE);
  await field(page, "description").fill("UK-led additive manufacturing projects with partners in Germany, funded by both agencies.");
  await field(page, "opensAt").fill(londonInput(inMinutes(-24 * 60)));
  await field(page, "closesAt").fill(londonInput(inMinutes(2 * 24 * 60)));
  await field(page, "assessmentDueAt").fill(londonInput(inMinutes(30 * 24 * 60)));
  await field(page, "budget").fill("1,000,000");
  await field(page, "assessorsRequired").fill("1");
  await field(page, "partnerAgencyId").selectOption({ label: `${AGENCY.name} (${AGENCY.currency})` });
  await expect(page.getByLabel(`Budget of ${AGENCY.name}`)).toBeVisible();
  await expectNoAxeViolations(page);

  // The partner's budget, assessors and exchange rate are required on a joint call.
  await page.getByRole("button", { name: "Create call" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole("link")).not.toHaveCount(0);
  await expectNoAxeViolations(page);

  await field(page, "partnerBudget").fill("900,000");
  await field(page, "partnerAssessorsRequired").fill("1");
  await field(page, "exchangeRate").fill("1.15");
  await page.getByRole("button", { name: "Create call" }).click();
  await page.waitForURL(/\/manage\/calls\/\d+\?created=1$/);
  state.callId = Number(/\/manage\/calls\/(\d+)/.exec(page.url())![1]);
  await expect(page.getByRole("heading", { name: CALL_TITLE, level: 1 })).toBeVisible();
  await expect(page.locator("main")).toContainText("£1,000,000");
  await expect(page.locator("main")).toContainText("€900,000");
  await expectNoAxeViolations(page);

  // The partner manager now sees this call, and only this one.
  const partner = await session(browser, PARTNER_MANAGER.email, PARTNER_MANAGER.password);
  await partner.page.goto("/manage");
  await expect(partner.page.getByRole("link", { name: CALL_TITLE })).toBeVisible();
  await expect(partner.page.getByRole("link", { name: DEMO_CALLS.ranked })).toHaveCount(0);
  await partner.context.close();
});

test("a bidder submits to the joint call with a partner in Germany and both grant amounts", async ({ page }) => {
  test.setTimeout(720_000);
  await page.goto("/register");
  await page.getByLabel("Full name").fill("Joint Bidder");
  await page.getByLabel("Organisation").fill("Northern Composites Ltd");
  await page.getByLabel("Email address").fill(BIDDER.email);
  await page.getByLabel("Create a password").fill(BIDDER.password);
  await page.getByLabel("Confirm password").fill(BIDDER.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL("**/proposals");

  await page.getByRole("link", { name: "Funding calls" }).click();
  await page.waitForURL(/\/calls$/);
  await page.getByRole("link", { name: CALL_TITLE }).click();
  await page.waitForURL(/\/calls\/\d+$/);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Start a proposal" }).click();
  await page.waitForURL(/\/proposals\/\d+\/edit$/);
  state.proposalId = Number(/\/proposals\/(\d+)/.exec(page.url())![1]);
  const taskListUrl = page.url();
  await expect(page.getByRole("note")).toContainText(`This is a joint call with ${AGENCY.name}`);
  await expectNoAxeViolations(page);

  // The project section asks for both grants: "Yes, completed" without the partner grant is refused.
  await openTask(page, "Project");
  await fillSection(page, "project", PROPOSAL_TITLE);
  await expect(field(page, "project.partnerGrantRequested")).toBeVisible();
  await completeSection(page, "yes");
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  const missing = summary.getByRole("link", { name: /grant requested from/i });
  await expect(missing).toBeVisible();
  await expectNoAxeViolations(page);
  await missing.click();
  await expect(field(page, "project.partnerGrantRequested")).toBeFocused();
  await field(page, "project.partnerGrantRequested").fill("250000");
  await completeSection(page, "yes");
  await page.waitForURL(/\/sections\/project\/check$/);
  await expect(page.locator("main")).toContainText("€250,000");

  // The other sections (the consortium's partner is in Germany, the partner agency's country).
  for (const [title, key] of [
    ["Consortium", "consortium"],
    ["Value capture", "valueCapture"],
    ["Win-win collaboration", "winWin"],
    ["Risk to UK know-how", "risk"],
    ["Partner context", "partnerContext"],
  ] as const) {
    await page.goto(taskListUrl);
    await openTask(page, title);
    await fillSection(page, key, PROPOSAL_TITLE);
    // Let the autosave finish first: a save still in flight makes the completion a version conflict.
    await waitForSaved(page);
    await completeSection(page, "yes");
    await page.waitForURL(new RegExp(`/sections/${key}/check$`));
  }

  // The call's appendices: a project plan and a letter of support from the German partner.
  for (const [title, file] of [
    ["Project plan (Gantt chart)", "plan.pdf"],
    ["Letters of support", "letter-fraunhofer.pdf"],
  ] as const) {
    await page.goto(taskListUrl);
    await openTask(page, title);
    await page.getByLabel("Upload a file").setInputFiles(validPdf(file));
    await page.getByRole("button", { name: "Upload file" }).click();
    await expect(page.getByRole("link", { name: file })).toBeVisible();
    await completeSection(page, "yes");
    await page.waitForURL(/\/edit$/);
  }
  if ((await page.getByRole("link", { name: "Other supporting documents", exact: true }).count()) > 0) {
    await openTask(page, "Other supporting documents");
    await completeSection(page, "yes");
    await page.waitForURL(/\/edit$/);
  }

  await openTask(page, "Check your answers and submit your proposal");
  await expect(page.locator("main")).toContainText("€250,000");
  await expect(page.locator("main")).toContainText("£300,000");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Accept and submit proposal" }).click();
  await page.waitForURL(/\/proposals\/\d+\?submitted=1$/);
  await expect(page.getByRole("heading", { name: "Proposal submitted" })).toBeVisible();
  await expect(page.locator("main")).toContainText("€250,000");
  await expectNoAxeViolations(page);
});

test("once the call closes, each agency assigns its own assessor, and both score", async ({ page, browser }) => {
  test.setTimeout(420_000);
  const { callId } = state;
  expect(callId).toBeDefined();
  await signIn(page, HOME_MANAGER);

  // Close the call now that the proposal is in.
  await page.goto(`/manage/calls/${callId}/edit`);
  await field(page, "closesAt").fill(londonInput(inMinutes(-2)));
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.waitForURL(/\?saved=1$/);

  // The home manager assigns a home assessor; the partner's assessor is not on their list.
  await callNav(page).getByRole("link", { name: "Assessors" }).click();
  const homeRow = page.getByRole("table", { name: "Submitted proposals and their assessors" }).getByRole("row").filter({ hasText: PROPOSAL_TITLE });
  const homeBox = homeRow.getByRole("combobox", { name: `Assessor to assign to ${PROPOSAL_TITLE}` });
  await homeBox.fill(PARTNER_ASSESSOR.name);
  await expect(homeRow.getByRole("option", { name: "No eligible assessors match" })).toBeVisible();
  await homeBox.fill(HOME_ASSESSOR.name);
  await homeRow.getByRole("option", { name: new RegExp(`^${HOME_ASSESSOR.name} `) }).click();
  await homeRow.getByRole("button", { name: `Assign to ${PROPOSAL_TITLE}` }).click();
  await expect(homeRow.getByText("1 of 1", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  // The partner manager assigns their own; the home assessor is neither listed nor shown.
  const partner = await session(browser, PARTNER_MANAGER.email, PARTNER_MANAGER.password);
  await partner.page.goto(`/manage/calls/${callId}/assignments`);
  const row = partner.page.getByRole("table", { name: "Submitted proposals and their assessors" }).getByRole("row").filter({ hasText: PROPOSAL_TITLE });
  await expect(row.getByText("0 of 1")).toBeVisible();
  await expect(partner.page.locator("main").getByText(HOME_ASSESSOR.name)).toHaveCount(0);
  const box = row.getByRole("combobox", { name: `Assessor to assign to ${PROPOSAL_TITLE}` });
  await box.fill(HOME_ASSESSOR.name);
  await expect(row.getByRole("option", { name: "No eligible assessors match" })).toBeVisible();
  await box.fill(PARTNER_ASSESSOR.name);
  await row.getByRole("option", { name: new RegExp(`^${PARTNER_ASSESSOR.name} `) }).click();
  await row.getByRole("button", { name: `Assign to ${PROPOSAL_TITLE}` }).click();
  await expect(row.getByText("1 of 1", { exact: true })).toBeVisible();
  await expectNoAxeViolations(partner.page);
  await partner.context.close();

  // Each assessor declares no conflict and scores with the call's shared rubric.
  for (const [who, score, password] of [
    [HOME_ASSESSOR.email, 8, undefined],
    [PARTNER_ASSESSOR.email, 7, PARTNER_ASSESSOR.password],
  ] as const) {
    const assessor = await session(browser, who, password);
    await openFromDashboard(assessor.page, PROPOSAL_TITLE);
    await assessor.page.getByLabel("No, I have no conflict of interest").check();
    await assessor.page.getByRole("button", { name: "Confirm declaration" }).click();
    await expect(assessor.page.getByRole("heading", { name: "Your assessment", exact: true })).toBeVisible();
    for (const c of CRITERIA) await scoreCriterion(assessor.page, c, score);
    await assessor.page.getByLabel("Feedback for the bidder").fill(`${JUSTIFICATION} (${who === HOME_ASSESSOR.email ? "home" : "partner"} panel)`);
    await assessor.page.getByLabel("Comment for portfolio managers (optional)").fill(`Private note from ${who}.`);
    await assessor.page.getByRole("group", { name: "Is this proposal in scope of the call?" }).getByLabel("Yes", { exact: true }).check();
    await assessor.page.getByLabel("Yes, fund this proposal").check();
    await assessor.page.getByLabel("High", { exact: true }).check();
    // Let the autosave finish first: a save still in flight makes the submission a version conflict.
    await waitForSaved(assessor.page);
    await assessor.page.getByRole("button", { name: "Submit assessment" }).click();
    await assessor.page.waitForURL(/\/assessments\/\d+\?submitted=1$/, { timeout: 60_000 });
    await expect(assessor.page.getByRole("heading", { name: "Assessment submitted" })).toBeVisible();
    await assessor.context.close();
  }
});

test("both managers record their decisions and confirm the release, and the bidder sees the joint outcome", async ({ page, browser }) => {
  test.setTimeout(420_000);
  const { callId, proposalId } = state;
  expect(callId && proposalId).toBeTruthy();

  // The home manager: three rankings, the partner's assessor anonymous, its private note hidden.
  await signIn(page, HOME_MANAGER);
  await page.goto(`/manage/calls/${callId}/ranking`);
  await expect(page.getByRole("heading", { name: "Joint ranking" })).toBeVisible();
  await expect(page.getByRole("table", { name: /^Innovate UK panel/ })).toBeVisible();
  await expect(page.getByRole("table", { name: new RegExp(`^${AGENCY.name} panel`) })).toBeVisible();
  await expect(callNav(page).getByRole("link", { name: "Portfolio" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.goto(`/manage/calls/${callId}/proposals/${proposalId}`);
  const side = page.getByRole("table", { name: "Submitted assessments side by side" });
  await expect(side.getByRole("columnheader", { name: HOME_ASSESSOR.name })).toBeVisible();
  await expect(side.getByRole("columnheader", { name: `An assessor of ${AGENCY.name}` })).toBeVisible();
  await expect(page.locator("main")).not.toContainText(PARTNER_ASSESSOR.name);
  await expect(page.locator("main")).not.toContainText(`Private note from ${PARTNER_ASSESSOR.email}`);
  await expect(page.locator("main")).toContainText(`Private note from ${HOME_ASSESSOR.email}`);
  await expectNoAxeViolations(page);
  await page.getByLabel(/^Fund/).check();
  await field(page, "feedback").fill("Innovate UK funds the UK partners of this project.");
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByText("Decision saved.")).toBeVisible();

  // The partner manager: the home assessor anonymous and their note hidden; they decide.
  const partner = await session(browser, PARTNER_MANAGER.email, PARTNER_MANAGER.password);
  await partner.page.goto(`/manage/calls/${callId}/proposals/${proposalId}`);
  const theirs = partner.page.getByRole("table", { name: "Submitted assessments side by side" });
  await expect(theirs.getByRole("columnheader", { name: PARTNER_ASSESSOR.name })).toBeVisible();
  await expect(theirs.getByRole("columnheader", { name: "An assessor of Innovate UK" })).toBeVisible();
  await expect(partner.page.locator("main")).not.toContainText(HOME_ASSESSOR.name);
  await expect(partner.page.locator("main")).not.toContainText(`Private note from ${HOME_ASSESSOR.email}`);
  await expectNoAxeViolations(partner.page);
  await partner.page.getByLabel(/^Fund/).check();
  await field(partner.page, "feedback").fill(`${AGENCY.name} funds the German partner of this project.`);
  await partner.page.getByRole("button", { name: "Record decision" }).click();
  await expect(partner.page.getByText("Decision saved.")).toBeVisible();
  // With both decisions recorded, the home agency confirms (a decision recorded after a
  // confirmation would withdraw it).
  await page.goto(`/manage/calls/${callId}/ranking`);
  await page.getByRole("button", { name: "Confirm the release for Innovate UK" }).click();
  await page.getByRole("button", { name: "Yes, confirm the release" }).click();
  await expect(page.getByText("Release confirmed.")).toBeVisible();
  await expectNoAxeViolations(page);

  // Not released yet: the bidder sees no outcome until the partner agency confirms too.
  const bidder = await session(browser, BIDDER.email, BIDDER.password);
  await bidder.page.goto(`/proposals/${proposalId}`);
  await expect(bidder.page.getByRole("heading", { name: PROPOSAL_TITLE, level: 1 })).toBeVisible();
  await expect(bidder.page.getByRole("heading", { name: /Your proposal (will|is)/ })).toHaveCount(0);

  await partner.page.goto(`/manage/calls/${callId}/ranking`);
  const decisions = partner.page.getByRole("table", { name: "Each agency's decision and the joint outcome" });
  await expect(decisions.getByRole("row").filter({ hasText: PROPOSAL_TITLE })).toContainText("Fund");
  await partner.page.getByRole("button", { name: `Confirm the release for ${AGENCY.name}` }).click();
  await partner.page.getByRole("button", { name: "Yes, confirm the release" }).click();
  await expect(partner.page.getByText(/decisions were released to bidders/)).toBeVisible();
  await expectNoAxeViolations(partner.page);
  await partner.context.close();

  // The bidder sees the joint outcome and both agencies' feedback, never an assessor's name.
  await bidder.page.reload();
  await expect(bidder.page.getByRole("heading", { name: "Your proposal will be funded" })).toBeVisible();
  await expect(bidder.page.getByRole("heading", { name: "Innovate UK: Funded" })).toBeVisible();
  await expect(bidder.page.getByRole("heading", { name: `${AGENCY.name}: Funded` })).toBeVisible();
  await expect(bidder.page.getByText("Innovate UK funds the UK partners of this project.")).toBeVisible();
  await expect(bidder.page.getByText(`${AGENCY.name} funds the German partner of this project.`)).toBeVisible();
  const text = await bidder.page.locator("main").innerText();
  for (const secret of [HOME_ASSESSOR.name, PARTNER_ASSESSOR.name, "Private note"]) expect(text).not.toContain(secret);
  await expectNoAxeViolations(bidder.page);
  await bidder.context.close();
});

test("the KIAT manager sees only the demo's UK–Korea call, its disagreement, and their own panel's calibration in won", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, "kiat-manager@demo.test");
  await page.goto("/manage");
  await expect(page.getByRole("link", { name: DEMO_JOINT_CALL_TITLE })).toBeVisible();
  await expect(page.getByRole("link", { name: CALL_TITLE })).toHaveCount(0);
  for (const title of Object.values(DEMO_CALLS)) await expect(page.getByRole("link", { name: title })).toHaveCount(0);

  await page.getByRole("link", { name: DEMO_JOINT_CALL_TITLE }).click();
  await page.waitForURL(/\/manage\/calls\/\d+$/);
  const callId = Number(new URL(page.url()).pathname.split("/").at(-1));
  await expect(page.locator("main")).toContainText("₩");
  // Only the home agency changes a call's settings; the optimiser is for home-only calls.
  await expect(callNav(page).getByRole("link", { name: "Call settings" })).toHaveCount(0);
  await expect(callNav(page).getByRole("link", { name: "Portfolio" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The ranking page: three rankings and the proposal the panels disagree on.
  await callNav(page).getByRole("link", { name: "Ranking" }).click();
  const disputed = JOINT_CALL_PROPOSALS.find((p) => p.partnerWeakValueCapture)!;
  const joint = page.getByRole("table", { name: /^Joint ranking of both panels/ });
  await expect(joint.getByRole("row").filter({ hasText: disputed.title })).toContainText(/only the home panel passes it|panels disagree|disagree/i);
  await expect(page.locator("main")).toContainText("₩");
  await expectNoAxeViolations(page);

  // The assessors page lists only KIAT's assessors.
  await callNav(page).getByRole("link", { name: "Assessors" }).click();
  await expect(page.locator("main")).toContainText("Seo-yeon Lee");
  await expect(page.locator("main")).not.toContainText("Ada Assessor");
  await expectNoAxeViolations(page);

  // How sure? is the KIAT panel's own model, with grants in won and no lottery.
  await callNav(page).getByRole("link", { name: "How sure?" }).click();
  await expect(page.getByText(/models the Korea Institute for Advancement of Technology panel only/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Expected ranks and the funding line" })).toBeVisible({ timeout: 180_000 });
  await expect(page.locator("main")).toContainText("₩");
  await expect(page.locator("main")).not.toContainText("Ada Assessor");
  await expect(page.getByRole("heading", { name: /^Lottery/ })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The joint ranking's model: every assessor of both agencies, Innovate UK's by number only, and
  // each agency's funding line.
  await page.getByRole("navigation", { name: "Which ranking" }).getByRole("link", { name: "Joint ranking (both panels)" }).click();
  await expect(page.getByRole("heading", { name: "Expected ranks and the funding line" })).toBeVisible({ timeout: 180_000 });
  await expect(page.getByRole("table", { name: /zone against each agency's funding line/ })).toBeVisible();
  await expect(page.getByText(/Korea Institute for Advancement of Technology's funding line|fits Korea Institute for Advancement of Technology's budget/).first()).toBeVisible();
  await page.getByRole("figure", { name: /Leniency of each assessor/ }).getByText("Show the data as a table").click();
  await expect(page.getByRole("region", { name: /Leniency of each assessor.*data/ }).getByRole("rowheader", { name: /Assessor 1 of Innovate UK/ })).toBeVisible();
  await expect(page.locator("main")).toContainText("Seo-yeon Lee");
  await expect(page.locator("main")).not.toContainText("Ada Assessor");
  await expectNoAxeViolations(page);

  // The demo's home-only calls (created before the joint call) do not exist for a partner agency.
  for (let id = 1; id < callId; id++) {
    expect((await page.request.get(`/manage/calls/${id}/ranking`)).status()).toBe(404);
  }
});
