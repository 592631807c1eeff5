import { expect, test, type Page } from "@playwright/test";
import { makeDemoPdf } from "../../db/demo-pdf";
import { completeSection, expectNoAxeViolations, field, fillSection, register, signIn, taskRow, waitForSaved } from "./support";

const uniqueEmail = (label: string) => `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
const A11Y = { wcag22: true };

async function startProposal(page: Page) {
  // Wait for each navigation to finish: a click on a page that is about to be replaced is lost.
  await page.getByRole("link", { name: "Funding calls" }).click();
  await page.waitForURL(/\/calls$/);
  await page.getByRole("link", { name: /International R&I collaboration/ }).click();
  await page.waitForURL(/\/calls\/\d+$/);
  await expectNoAxeViolations(page, A11Y);
  await page.getByRole("button", { name: "Start a proposal" }).click();
  await page.waitForURL(/\/proposals\/\d+\/edit$/);
}

async function openTask(page: Page, title: string) {
  await page.getByRole("link", { name: title, exact: true }).click();
  await page.waitForURL(/\/proposals\/\d+\/(sections|appendices|check)/);
}

const validPdf = (name: string) => ({ name, mimeType: "application/pdf", buffer: makeDemoPdf([`${name}`, "Work packages and milestones"]) });

test("a bidder completes sections in any order over two sittings, uploads appendices, checks, changes and submits", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto("/");
  await expectNoAxeViolations(page, A11Y);
  const email = uniqueEmail("journey");
  await register(page, email);
  await startProposal(page);

  // The task list: steps, every section not yet started, submitting not possible yet.
  await expect(page.getByRole("heading", { name: "Proposal incomplete" })).toBeVisible();
  await expect(page.getByText("You have completed 0 of 9 sections.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "1. About the project" })).toBeVisible();
  await expect(taskRow(page, "Project").getByText("Not yet started")).toBeVisible();
  await expect(taskRow(page, "Check your answers and submit your proposal").getByText("Cannot start yet")).toBeVisible();
  await expect(page.getByRole("link", { name: "Check your answers and submit your proposal" })).toHaveCount(0);
  await expectNoAxeViolations(page, A11Y);
  const taskListUrl = page.url();

  // Any order: the consortium first.
  await openTask(page, "Consortium");
  await fillSection(page, "consortium");
  await expectNoAxeViolations(page, A11Y);
  await completeSection(page, "yes");
  await page.waitForURL(/\/sections\/consortium\/check$/);
  await expect(page.getByRole("heading", { name: "Check your answers" })).toBeVisible();
  await expect(page.getByText("Completed", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page, A11Y);

  // "Yes" on an incomplete section is refused, naming what is missing.
  await page.goto(taskListUrl);
  await openTask(page, "Project");
  // Typing past a limit is never blocked: the count says how many too many.
  await field(page, "project.title").fill("x".repeat(205));
  await expect(field(page, "project.title")).toHaveValue("x".repeat(205));
  await expect(page.getByText("You have 5 characters too many")).toBeVisible();
  await field(page, "project.title").fill("Laser powder bed fusion for aerospace brackets");
  await field(page, "project.summary").fill("We will qualify a new additive process together with our German partner.");
  await expect(page.getByText(/You have \d+ words remaining/).first()).toBeVisible();
  await waitForSaved(page);
  await completeSection(page, "yes");
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary.getByRole("link", { name: "Select technology domain" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Enter grant requested" })).toBeVisible();
  await expect(summary.getByRole("link", { name: /You cannot mark this section as completed/ })).toBeVisible();
  await summary.getByRole("link", { name: "Select technology domain" }).click();
  await expect(field(page, "project.domainId")).toBeFocused();
  await expectNoAxeViolations(page, A11Y);
  await completeSection(page, "no");
  await page.waitForURL(/\/sections\/project\/check$/);
  await expect(page.getByRole("link", { name: "Select technology domain" })).toBeVisible();

  // A second sitting: sign out, sign in again, and everything is still there.
  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, email, "a-long-password-1");
  await page.goto(taskListUrl);
  await expect(taskRow(page, "Consortium").getByText("Completed", { exact: true })).toBeVisible();
  await expect(taskRow(page, "Project").getByText("In progress")).toBeVisible();
  await expect(page.getByText("You have completed 1 of 9 sections.")).toBeVisible();
  await openTask(page, "Project");
  await expect(field(page, "project.title")).toHaveValue("Laser powder bed fusion for aerospace brackets");
  await expect(page.getByLabel("No, I'll come back later")).toBeChecked();
  await fillSection(page, "project");
  await completeSection(page, "yes");
  await page.waitForURL(/\/sections\/project\/check$/);

  for (const [title, key] of [
    ["Partner context", "partnerContext"],
    ["Win-win collaboration", "winWin"],
    ["Value capture", "valueCapture"],
    ["Risk to UK know-how", "risk"],
  ] as const) {
    await page.goto(taskListUrl);
    await openTask(page, title);
    await fillSection(page, key);
    await completeSection(page, "yes");
    await page.waitForURL(new RegExp(`/sections/${key}/check$`));
  }

  // Appendices: an empty file and a renamed program are refused with the GOV.UK wording.
  await page.goto(taskListUrl);
  await openTask(page, "Project plan (Gantt chart)");
  await expectNoAxeViolations(page, A11Y);
  const upload = page.getByLabel("Upload a file");
  await upload.setInputFiles({ name: "plan.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(0) });
  await page.getByRole("button", { name: "Upload file" }).click();
  const uploadErrors = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(uploadErrors.getByRole("link", { name: "The selected file is empty" })).toBeVisible();
  await expectNoAxeViolations(page, A11Y);
  await upload.setInputFiles({ name: "plan.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00This program cannot be run in DOS mode", "latin1") });
  await page.getByRole("button", { name: "Upload file" }).click();
  await expect(uploadErrors.getByRole("link", { name: "The selected file must be a PDF" })).toBeVisible();
  await upload.setInputFiles(validPdf("gantt-chart.pdf"));
  await page.getByRole("button", { name: "Upload file" }).click();
  await expect(page.getByText("gantt-chart.pdf has been uploaded.")).toBeVisible();
  await expect(page.getByRole("link", { name: "gantt-chart.pdf" })).toBeVisible();
  await expect(page.getByText("(PDF,")).toBeVisible();
  await completeSection(page, "yes");
  await page.waitForURL(/\/edit$/);
  await expect(taskRow(page, "Project plan (Gantt chart)").getByText("Completed", { exact: true })).toBeVisible();

  await openTask(page, "Letters of support");
  await completeSection(page, "yes");
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" }).getByRole("link", { name: "Upload a letter of support" })).toBeVisible();
  await page.getByLabel("Upload a file").setInputFiles(validPdf("letter-fraunhofer.pdf"));
  await page.getByRole("button", { name: "Upload file" }).click();
  await expect(page.getByRole("link", { name: "letter-fraunhofer.pdf" })).toBeVisible();
  await completeSection(page, "yes");
  await page.waitForURL(/\/edit$/);

  // An optional slot can be completed without a file; the check page says "Not provided".
  await openTask(page, "Other supporting documents");
  await completeSection(page, "yes");
  await page.waitForURL(/\/edit$/);
  await expect(taskRow(page, "Other supporting documents").getByText("Completed", { exact: true })).toBeVisible();

  // Every section completed: check the answers, change one, and submit.
  await expect(page.getByRole("heading", { name: "Proposal ready to check and submit" })).toBeVisible();
  await openTask(page, "Check your answers and submit your proposal");
  await expect(page.getByRole("heading", { name: "Check your answers before submitting your proposal" })).toBeVisible();
  await expect(page.getByText("letter-fraunhofer.pdf")).toBeVisible();
  await expect(page.getByText("Not provided").first()).toBeVisible();
  await expectNoAxeViolations(page, A11Y);
  await page.getByRole("link", { name: "Change project title" }).click();
  await page.waitForURL(/\/sections\/project\?return=final/);
  await expect(field(page, "project.title")).toBeFocused();
  await field(page, "project.title").fill("Qualifying laser powder bed fusion for aerospace brackets");
  await expect(page.getByLabel("Yes, I've completed this section")).toBeChecked();
  await page.getByRole("button", { name: "Save and return to check your answers" }).click();
  await page.waitForURL(/\/check$/);
  await expect(page.getByText("Qualifying laser powder bed fusion for aerospace brackets")).toBeVisible();
  await page.getByRole("button", { name: "Accept and submit proposal" }).click();

  await page.waitForURL(/\/proposals\/\d+\?submitted=1$/);
  await expect(page.getByRole("heading", { name: "Proposal submitted" })).toBeVisible();
  await expect(page.getByText("This proposal is read-only.")).toBeVisible();
  await expect(page.getByRole("link", { name: "gantt-chart.pdf" })).toBeVisible();
  await expectNoAxeViolations(page, A11Y);
});

test("keyboard only: a bidder completes a section and its check page", async ({ page }) => {
  await register(page, uniqueEmail("keyboard"));
  await startProposal(page);
  const press = (key: string) => page.keyboard.press(key);
  /** Tabs forward until the element has focus (as a keyboard user would). */
  const tabTo = async (locator: import("@playwright/test").Locator) => {
    for (let i = 0; i < 60; i++) {
      if (await locator.evaluate((el) => el === document.activeElement)) return;
      await press("Tab");
    }
    throw new Error("Could not reach the element with the Tab key");
  };

  await tabTo(page.getByRole("link", { name: "Risk to UK know-how", exact: true }));
  await press("Enter");
  await page.waitForURL(/\/sections\/risk$/);
  await tabTo(field(page, "risk.scaleUpLocation"));
  await page.keyboard.type("Scale-up and manufacture stay at our plant in Sheffield.");
  await tabTo(field(page, "risk.ipAgreement"));
  await press("ArrowDown");
  await expect(field(page, "risk.ipAgreement")).not.toHaveValue("");
  await tabTo(field(page, "risk.mitigation"));
  await page.keyboard.type("The consortium agreement assigns foreground IP to the UK lead.");
  await tabTo(page.getByLabel("Yes, I've completed this section"));
  await press("Space");
  await expect(page.getByLabel("Yes, I've completed this section")).toBeChecked();
  await tabTo(page.getByRole("button", { name: "Save and continue" }));
  await press("Enter");

  await page.waitForURL(/\/sections\/risk\/check$/);
  await expect(page.getByText("Completed", { exact: true })).toBeVisible();
  await tabTo(page.getByRole("link", { name: "Change state of the IP agreement between partners" }));
  await press("Enter");
  await page.waitForURL(/\/sections\/risk\?return=check/);
  await expect(field(page, "risk.ipAgreement")).toBeFocused();
  await press("ArrowDown");
  await tabTo(page.getByRole("button", { name: "Save and continue" }));
  await press("Enter");
  await page.waitForURL(/\/sections\/risk\/check$/);
  await tabTo(page.getByRole("link", { name: "Return to your proposal" }));
  await press("Enter");
  await page.waitForURL(/\/edit$/);
  await expect(taskRow(page, "Risk to UK know-how").getByText("Completed", { exact: true })).toBeVisible();
});

test("an expired session loses nothing typed: sign in again and the answers are saved", async ({ page, context }) => {
  const email = uniqueEmail("expiry");
  await register(page, email);
  await startProposal(page);
  await openTask(page, "Project");
  await field(page, "project.title").fill("Hydrogen fuel cell stacks");
  await waitForSaved(page);

  await context.clearCookies();
  await field(page, "project.summary").fill("Typed after the session expired.");
  await expect(page.locator("#save-status")).toContainText("Your session has expired");

  await page.getByRole("link", { name: "Sign in again" }).click();
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("a-long-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/proposals\/\d+\/sections\/project$/);
  await expect(page.getByText("We brought back changes you made on this device")).toBeVisible();
  await expect(field(page, "project.summary")).toHaveValue("Typed after the session expired.");
  await waitForSaved(page);

  // The server now has it: a fresh page load with no local copy still shows the answer.
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await expect(field(page, "project.summary")).toHaveValue("Typed after the session expired.");
});

test("a draft changed in another tab is not silently overwritten", async ({ page, context }) => {
  await register(page, uniqueEmail("tabs"));
  await startProposal(page);
  await openTask(page, "Project");
  const sectionUrl = page.url();
  const other = await context.newPage();
  await other.goto(sectionUrl);
  // Let the second tab finish starting up before the first one types: a tab that starts while
  // another has unsaved changes on this device adopts them (they share localStorage).
  await other.waitForLoadState("networkidle");

  await field(page, "project.title").fill("Written in the first tab");
  await waitForSaved(page);

  await field(other, "project.title").fill("Written in the second tab");
  await expect(other.locator("#save-status")).toContainText("changed in another tab");
  await other.getByRole("button", { name: "Keep my changes" }).click();
  await waitForSaved(other);

  await page.reload();
  await expect(field(page, "project.title")).toHaveValue("Written in the second tab");
});

test("another bidder's proposal and its pages are not found", async ({ page, browser }) => {
  await register(page, uniqueEmail("owner"));
  await startProposal(page);
  const editUrl = page.url();
  const base = editUrl.replace(/\/edit$/, "");
  const intruder = await browser.newContext();
  const intruderPage = await intruder.newPage();
  await register(intruderPage, uniqueEmail("intruder"));
  for (const url of [editUrl, base, `${base}/sections/project`, `${base}/sections/project/check`, `${base}/appendices/project-plan`, `${base}/check`]) {
    const response = await intruderPage.goto(url);
    expect(response?.status()).toBe(404);
    await expect(intruderPage.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  await expectNoAxeViolations(intruderPage);
  await intruder.close();
});

test("the demo bidder's draft shows every task status", async ({ page }) => {
  await signIn(page, "bidder@demo.test");
  await page.getByRole("link", { name: "Recycled carbon fibre for automotive body panels" }).click();
  await page.waitForURL(/\/edit$/);
  await expect(taskRow(page, "Project").getByText("Completed", { exact: true })).toBeVisible();
  await expect(taskRow(page, "Consortium").getByText("There is a problem")).toBeVisible();
  await expect(taskRow(page, "Value capture").getByText("In progress")).toBeVisible();
  await expect(taskRow(page, "Risk to UK know-how").getByText("Not yet started")).toBeVisible();
  await expect(taskRow(page, "Check your answers and submit your proposal").getByText("Cannot start yet")).toBeVisible();
  await expectNoAxeViolations(page, A11Y);
  await openTask(page, "Other supporting documents");
  await expectNoAxeViolations(page, A11Y);
});

test("an assessor cannot open the bidder's pages", async ({ page }) => {
  await signIn(page, "assessor1@demo.test");
  await page.goto("/proposals");
  await expect(page.getByRole("heading", { name: "You are not allowed to see this page" })).toBeVisible();
  await expectNoAxeViolations(page);
});
