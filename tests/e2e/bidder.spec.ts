import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, field, fillWholeProposal, register, signIn, waitForSaved } from "./support";

const uniqueEmail = (label: string) => `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;

async function startProposal(page: import("@playwright/test").Page) {
  await page.getByRole("link", { name: "Funding calls" }).click();
  await page.waitForURL(/\/calls$/);
  await page.getByRole("link", { name: /International R&I collaboration/ }).click();
  await page.waitForURL(/\/calls\/\d+$/);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Start a proposal" }).click();
  await page.waitForURL(/\/proposals\/\d+\/edit$/);
}

test("a new bidder registers, drafts over two sittings, fixes errors and submits", async ({ page }) => {
  await page.goto("/");
  await expectNoAxeViolations(page);
  await page.goto("/register");
  await expectNoAxeViolations(page);
  await register(page, uniqueEmail("journey"));
  await expectNoAxeViolations(page);
  await startProposal(page);

  await field(page, "project.title").fill("Laser powder bed fusion for aerospace brackets");
  await field(page, "project.summary").fill("We will qualify a new additive process together with our German partner.");
  await expect(page.getByText(/You have \d+ words remaining/).first()).toBeVisible();
  await waitForSaved(page);
  await expectNoAxeViolations(page);

  // A second sitting: everything typed is still there and the task list shows progress.
  await page.reload();
  await expect(field(page, "project.title")).toHaveValue("Laser powder bed fusion for aerospace brackets");
  await expect(page.getByRole("navigation", { name: "Sections" }).getByText("In progress", { exact: true })).toHaveCount(1);

  // Submitting with gaps shows an error summary whose links lead to the fields.
  await page.getByRole("button", { name: "Submit proposal" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole("link", { name: "Select technology domain" })).toBeVisible();
  await summary.getByRole("link", { name: "Select technology domain" }).click();
  await expect(field(page, "project.domainId")).toBeFocused();
  await expectNoAxeViolations(page);

  await fillWholeProposal(page, "Laser powder bed fusion for aerospace brackets");
  // A partner in Germany on additive manufacturing is a shortlisted pair in Table 6.2.
  await expect(page.getByRole("complementary").getByText("Shortlisted pair")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Sections" }).getByText("Complete", { exact: true })).toHaveCount(6);
  await page.getByRole("button", { name: "Submit proposal" }).click();

  await page.waitForURL(/\/proposals\/\d+\?submitted=1$/);
  await expect(page.getByRole("heading", { name: "Proposal submitted" })).toBeVisible();
  await expect(page.getByText("This proposal is read-only.")).toBeVisible();
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expect(page.getByText("Shortlisted pair")).toBeVisible();
  await expectNoAxeViolations(page);

  // Reopen before the deadline, and the answers are editable again.
  await page.getByRole("button", { name: "Reopen for editing" }).click();
  await page.waitForURL(/\/edit$/);
  await expect(field(page, "project.title")).toHaveValue("Laser powder bed fusion for aerospace brackets");
});

test("an expired session loses nothing typed: sign in again and the answers are saved", async ({ page, context }) => {
  const email = uniqueEmail("expiry");
  await register(page, email);
  await startProposal(page);
  await field(page, "project.title").fill("Hydrogen fuel cell stacks");
  await waitForSaved(page);

  await context.clearCookies();
  await field(page, "project.summary").fill("Typed after the session expired.");
  await expect(page.locator("#save-status")).toContainText("Your session has expired");

  await page.getByRole("link", { name: "Sign in again" }).click();
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("a-long-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/proposals\/\d+\/edit$/);
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
  const editUrl = page.url();
  const other = await context.newPage();
  await other.goto(editUrl);
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

test("another bidder's proposal is not found", async ({ page, browser }) => {
  await register(page, uniqueEmail("owner"));
  await startProposal(page);
  const editUrl = page.url();
  const viewUrl = editUrl.replace(/\/edit$/, "");

  const intruder = await browser.newContext();
  const intruderPage = await intruder.newPage();
  await register(intruderPage, uniqueEmail("intruder"));
  for (const url of [editUrl, viewUrl]) {
    const response = await intruderPage.goto(url);
    expect(response?.status()).toBe(404);
    await expect(intruderPage.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  await expectNoAxeViolations(intruderPage);
  await intruder.close();
});

test("an assessor cannot open the bidder's pages", async ({ page }) => {
  await signIn(page, "assessor1@demo.test");
  await page.goto("/proposals");
  await expect(page.getByRole("heading", { name: "You are not allowed to see this page" })).toBeVisible();
  await expectNoAxeViolations(page);
});
