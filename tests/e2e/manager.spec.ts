import { expect, test, type Browser, type Page } from "@playwright/test";
import { RANKED_CALL_PROPOSALS } from "../../db/demo-data";
import { DEMO_CALLS, DEMO_USERS } from "../../db/seed";
import { expectNoAxeViolations, field, signIn } from "./support";

// The portfolio manager's journey on the demo data. These tests change only the calls that are
// theirs to change: a call they create and the fully assessed call (decisions and their release). The call being assessed is left alone
// for the assessor tests.

const MANAGER = "manager@demo.test";
const BIDDER = "bidder@demo.test";

/** The demo bidder's proposal in the ranked call. */
const BIDDERS_PROPOSAL = RANKED_CALL_PROPOSALS.find((p) => p.lead.name === DEMO_USERS.find((u) => u.email === BIDDER)!.organisation)!;

async function openCall(page: Page, title: string): Promise<number> {
  await page.goto("/manage");
  await page.getByRole("link", { name: title }).click();
  await page.waitForURL(/\/manage\/calls\/\d+$/);
  return Number(new URL(page.url()).pathname.split("/").at(-1));
}

function callNav(page: Page) {
  return page.getByRole("navigation", { name: "This call" });
}

async function newSession(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

test("a manager creates a call with the report's rubric, fixing the mistakes the form points out", async ({ page }) => {
  const title = `Composites and circularity call ${Date.now()}`;
  await signIn(page, MANAGER);
  await page.goto("/manage");
  await expect(page.getByRole("heading", { name: "Calls", level: 1 })).toBeVisible();
  await expect(page.getByRole("table", { name: "All calls, latest closing first" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Create a call" }).click();
  await expect(page.getByRole("heading", { name: "Create a call" })).toBeVisible();
  await expectNoAxeViolations(page);

  await field(page, "title").fill(title);
  await field(page, "description").fill("UK-led composites projects with partners in the report's shortlisted countries.");
  await field(page, "opensAt").fill("2027-02-01T09:00");
  await field(page, "closesAt").fill("2027-01-15T12:00");
  await field(page, "assessmentDueAt").fill("2027-05-01T17:00");
  await field(page, "budget").fill("1,500,000");
  await page.getByLabel("Weight of UK value capture, percent").fill("30");
  await expect(page.getByText("105%")).toBeVisible();
  await page.getByRole("button", { name: "Create call" }).click();

  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary.getByRole("link", { name: "The closing date and time must be after the opening date and time" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "The weights must add up to 100% (they add up to 105%)" })).toBeVisible();
  await expectNoAxeViolations(page);
  await summary.getByRole("link", { name: /closing date and time/ }).click();
  await expect(field(page, "closesAt")).toBeFocused();

  await field(page, "closesAt").fill("2027-04-01T12:00");
  await page.getByLabel("Weight of Research and innovation excellence, percent").fill("10");
  await page.getByLabel(/Minimum mean score for UK value capture/).fill("6");
  await page.getByRole("button", { name: "Create call" }).click();

  await page.waitForURL(/\/manage\/calls\/\d+\?created=1$/);
  await expect(page.getByRole("heading", { name: "Call created" })).toBeVisible();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(page.getByText("£1,500,000")).toBeVisible();
  await expectNoAxeViolations(page);

  await callNav(page).getByRole("link", { name: "Call settings" }).click();
  await expect(page.getByLabel("Weight of UK value capture, percent")).toHaveValue("30");
  await expect(page.getByLabel(/Minimum mean score for UK value capture/)).toHaveValue("6");
  await expect(field(page, "opensAt")).toHaveValue("2027-02-01T09:00");
  await expectNoAxeViolations(page);
  await field(page, "budget").fill("1750000");
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.waitForURL(/\?saved=1$/);
  await expect(page.getByText("£1,750,000")).toBeVisible();

  await callNav(page).getByRole("link", { name: "Audit log" }).click();
  const log = page.getByRole("table", { name: /entries/ });
  await expect(log.getByRole("row").filter({ hasText: "Call created" })).toBeVisible();
  await expect(log.getByRole("row").filter({ hasText: "Budget: £1,500,000 → £1,750,000" })).toBeVisible();
  await expectNoAxeViolations(page);
});

// "Assign automatically" and assigning by hand on the call awaiting assignment: see
// assignment-combobox.spec.ts.

test("a manager reads the ranking, drills down, records and releases decisions, and the bidder then sees the outcome", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await signIn(page, MANAGER);
  const callId = await openCall(page, DEMO_CALLS.ranked);
  await callNav(page).getByRole("link", { name: "Ranking" }).click();
  const ranking = page.getByRole("table", { name: /ranked proposals/ });
  await expect(ranking).toBeVisible();
  const total = RANKED_CALL_PROPOSALS.length;
  await expect(page.getByRole("table", { name: `All ${total} ranked proposals, in rank order` })).toBeVisible();
  await expect(page.getByText("Fail", { exact: true }).first()).toBeVisible();
  await expect(ranking.getByText(/UK value capture below 5/).first()).toBeVisible();
  await expect(ranking.getByText("Yes", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Portfolio balance" })).toBeVisible();
  await expectNoAxeViolations(page);

  const bidderRow = ranking.getByRole("row").filter({ hasText: BIDDERS_PROPOSAL.title });
  const rank = (await bidderRow.getByRole("cell").first().textContent())?.trim();

  // Filters choose rows; the rank stays the rank in the whole call.
  await page.getByLabel("Technology domain").selectOption(BIDDERS_PROPOSAL.domainId);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL(/domain=/);
  const filtered = page.getByRole("table", { name: new RegExp(`^Showing 1 of ${total} ranked proposals`) });
  await expect(filtered).toBeVisible();
  await expect(filtered.getByRole("row").filter({ hasText: BIDDERS_PROPOSAL.title }).getByRole("cell").first()).toHaveText(rank!);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page.getByRole("table", { name: `All ${total} ranked proposals, in rank order` })).toBeVisible();

  // Managers download the ranking as CSV.
  const csv = await page.request.get(`/manage/calls/${callId}/export/ranking.csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const body = (await csv.body()).toString("utf8");
  expect(body.startsWith("\uFEFFStatus,Rank,Proposal ID,Title,")).toBe(true);
  expect(body.split("\r\n").filter(Boolean)).toHaveLength(total + 1);

  const links = await ranking.getByRole("rowheader").getByRole("link").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href")!));
  const withinBudget = await ranking.getByRole("row").evaluateAll((rows) =>
    rows.slice(1).map((r) => r.textContent?.includes("so far") ?? false),
  );
  expect(links).toHaveLength(total);

  // The drill-down: every assessor's scores and justifications side by side, with their names.
  await bidderRow.getByRole("link", { name: BIDDERS_PROPOSAL.title }).click();
  await expect(page.getByRole("heading", { name: BIDDERS_PROPOSAL.title, level: 1 })).toBeVisible();
  const side = page.getByRole("table", { name: "Submitted assessments side by side" });
  for (const name of ["Ada Assessor", "Ben Assessor", "Cleo Assessor"]) await expect(side.getByRole("columnheader", { name })).toBeVisible();
  await expect(side.getByRole("rowheader", { name: /UK value capture/ })).toBeVisible();
  await expect(side.getByRole("rowheader", { name: "Comment for managers" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "The proposal" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Reopening asks first (cancelled here: the assessor tests own the demo assessors' work).
  await side.getByRole("button", { name: "Reopen assessment by Ada Assessor" }).click();
  await expect(page.getByRole("group", { name: "Reopen the assessment by Ada Assessor" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Cancel" }).click();

  // The decision: feedback starts from the assessors' feedback, without their names.
  const feedback = field(page, "feedback");
  if ((await page.getByRole("button", { name: "Record decision" }).count()) > 0) {
    await expect(feedback).toHaveValue(/^Feedback 1:\n/);
    await expect(feedback).not.toHaveValue(/Assessor/);
    await page.getByRole("button", { name: "Record decision" }).click();
    const errors = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(errors.getByRole("link", { name: "Select fund, reserve list or do not fund" })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel(/^Fund/).check();
    await feedback.fill(`${await feedback.inputValue()}\n\nCongratulations from the panel.`);
    await page.getByRole("button", { name: "Record decision" }).click();
    await expect(page.getByText("Decision saved.")).toBeVisible();
  }

  // A decision on every other proposal: fund those within budget, decline the rest.
  for (const [i, href] of links.entries()) {
    await page.goto(href);
    if ((await page.getByRole("button", { name: "Record decision" }).count()) === 0) continue;
    await page.getByLabel(withinBudget[i] ? /^Fund/ : /^Do not fund/).check();
    await page.getByRole("button", { name: "Record decision" }).click();
    await expect(page.getByText("Decision saved.")).toBeVisible();
  }

  // Release, from the call overview, after a confirmation.
  await page.goto(`/manage/calls/${callId}`);
  const release = page.getByRole("button", { name: "Release decisions to bidders" });
  if ((await release.count()) > 0) {
    await release.click();
    await expect(page.getByText(/Decisions cannot be changed after this/)).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Yes, release decisions" }).click();
  }
  await expect(page.getByText(/Decisions were released to bidders on/)).toBeVisible();
  await expectNoAxeViolations(page);
  await callNav(page).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Decisions released to bidders" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Decision recorded" }).first()).toBeVisible();

  // The bidder sees their outcome and the feedback, never who wrote it.
  const bidder = await newSession(browser, BIDDER);
  await bidder.page.goto("/proposals");
  await bidder.page.getByRole("link", { name: BIDDERS_PROPOSAL.title }).click();
  await expect(bidder.page.getByRole("heading", { name: "Your proposal will be funded" })).toBeVisible();
  await expect(bidder.page.getByText("Congratulations from the panel.")).toBeVisible();
  await expect(bidder.page.getByText(/^Feedback 1:/)).toBeVisible();
  const text = await bidder.page.locator("main").innerText();
  for (const name of ["Ada Assessor", "Ben Assessor", "Cleo Assessor", "Mo Manager", "Comment for managers"]) expect(text).not.toContain(name);
  await expectNoAxeViolations(bidder.page);
  await bidder.context.close();
});

test("a manager adds an assessor, who sets a password with the one-time link and signs in", async ({ page, browser }) => {
  const email = `new.assessor.${Date.now()}@example.test`;
  await signIn(page, MANAGER);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
  await expect(page.getByRole("heading", { name: "Assessors and managers" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Add a person" }).click();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("alert").getByRole("link", { name: "Select whether this is an assessor or a manager account" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel(/^Assessor/).check();
  await field(page, "name").fill("Nia Newcomer");
  await field(page, "email").fill(email);
  await field(page, "organisation").fill("Composites Research Institute");
  await field(page, "country").selectOption("DE");
  await page.getByLabel("Additive manufacturing").check();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Account created" })).toBeVisible();
  const link = await page.getByLabel("Set-password link for Nia Newcomer").inputValue();
  expect(link).toMatch(/\/set-password\/[A-Za-z0-9_-]+$/);
  await expectNoAxeViolations(page);

  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto(link);
  await expect(visitor.getByRole("heading", { name: "Set your password" })).toBeVisible();
  await expectNoAxeViolations(visitor);
  await field(visitor, "password").fill("a-new-password-1");
  await field(visitor, "confirmPassword").fill("a-new-password-2");
  await visitor.getByRole("button", { name: "Set password" }).click();
  await expect(visitor.getByRole("alert").getByRole("link", { name: "Passwords do not match" })).toBeVisible();
  await field(visitor, "confirmPassword").fill("a-new-password-1");
  await visitor.getByRole("button", { name: "Set password" }).click();
  await expect(visitor.getByRole("heading", { name: "Your password is set" })).toBeVisible();
  await signIn(visitor, email, "a-new-password-1");
  await expect(visitor).toHaveURL(/\/assessments$/);
  await visitor.goto(link);
  await expect(visitor.getByRole("heading", { name: "This link has already been used" })).toBeVisible();
  await context.close();
});

test("bidders and assessors are refused every manager page and CSV download", async ({ page, browser }) => {
  await signIn(page, MANAGER);
  const callId = await openCall(page, DEMO_CALLS.ranked);
  const pages = ["/manage", `/manage/calls/${callId}`, `/manage/calls/${callId}/ranking`, `/manage/calls/${callId}/assignments`, "/manage/people", "/manage/calls/new"];
  const downloads = [`/manage/calls/${callId}/export/ranking.csv`, `/manage/calls/${callId}/export/scores.csv`];

  for (const email of [BIDDER, "assessor1@demo.test"]) {
    const other = await newSession(browser, email);
    for (const path of pages) {
      await other.page.goto(path);
      await expect(other.page.getByRole("heading", { name: "You are not allowed to see this page" })).toBeVisible();
    }
    await expectNoAxeViolations(other.page);
    for (const path of downloads) {
      const response = await other.page.request.get(path);
      expect(response.status()).toBe(403);
      expect(response.headers()["content-disposition"]).toBeUndefined();
    }
    await other.context.close();
  }

  // Without a session: a download answers 401 itself (middleware.ts), with no file and no redirect.
  const anonymous = await browser.newContext();
  for (const path of downloads) {
    const response = await anonymous.request.get(path, { maxRedirects: 0 });
    expect(response.status()).toBe(401);
    expect(response.headers()["content-disposition"]).toBeUndefined();
  }
  await anonymous.close();
});
