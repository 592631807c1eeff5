import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { fieldId } from "../../components/form/field-id";
import { PROPOSAL_SECTIONS, questionsFor } from "../../lib/domain/proposal/questions";

export const DEMO_PASSWORD = "tandem-demo";

/** Fails the test with the list of violations, so a regression names the rule and the element. */
export async function expectNoAxeViolations(page: Page, { wcag22 = false }: { wcag22?: boolean } = {}) {
  const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", ...(wcag22 ? ["wcag22a", "wcag22aa"] : [])];
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary).toEqual([]);
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}

/**
 * A signed-in page in a browser context without JavaScript. Signing in needs the sign-in form's
 * script (a server action), so it happens in a context of its own whose session is then handed over.
 */
export async function signedInWithoutJavaScript(browser: Browser, email: string, password = DEMO_PASSWORD): Promise<{ context: BrowserContext; page: Page }> {
  const signedIn = await browser.newContext();
  await signIn(await signedIn.newPage(), email, password);
  const storageState = await signedIn.storageState();
  await signedIn.close();
  const context = await browser.newContext({ javaScriptEnabled: false, storageState });
  return { context, page: await context.newPage() };
}

/** Follows a one-time set-password link in a fresh browser context, as the person it was made for. */
export async function setPasswordWithLink(browser: Browser, link: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Set your password" })).toBeVisible();
  await field(page, "password").fill(password);
  await field(page, "confirmPassword").fill(password);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("heading", { name: "Your password is set" })).toBeVisible();
  await context.close();
}

export async function register(page: Page, email: string) {
  await page.goto("/register");
  await page.getByLabel("Full name").fill("Test Bidder");
  await page.getByLabel("Organisation").fill("Test Manufacturing Ltd");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Create a password").fill("a-long-password-1");
  await page.getByLabel("Confirm password").fill("a-long-password-1");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL("**/proposals");
}

export const field = (page: Page, path: string) => page.locator(`#${fieldId(path)}`);

const SENTENCE = "The consortium will develop and demonstrate new manufacturing capability with clear benefits for both partners.";

/** Fills every question of a home-only call's proposal with valid answers (German partner, additive manufacturing). */
export async function fillWholeProposal(page: Page, title: string) {
  for (const section of PROPOSAL_SECTIONS) await fillSection(page, section.key, title);
}

/** Fills every question of one section (on its page) with valid answers. */
export async function fillSection(page: Page, sectionKey: string, title = "Laser powder bed fusion for aerospace brackets") {
  for (const section of PROPOSAL_SECTIONS.filter((s) => s.key === sectionKey)) {
    for (const q of questionsFor(section, null)) {
      const path = `${section.key}.${q.key}`;
      switch (q.kind) {
        case "text":
          await field(page, path).fill(q.key === "title" ? title : "Northern Composites Ltd");
          break;
        case "longText":
          if (!q.askedWhen) await field(page, path).fill(SENTENCE);
          break;
        case "select": {
          const value = q.key === "domainId" ? "additive-manufacturing" : q.options[0]!.value;
          await field(page, path).selectOption(value);
          break;
        }
        case "integer":
          await field(page, path).fill(q.key.endsWith("End") ? "6" : "3");
          break;
        case "money":
          await field(page, path).fill(q.key === "totalCost" ? "500000" : "300000");
          break;
        case "checklist": {
          const first = q.options[0]!.value;
          await field(page, path).check();
          await field(page, `${section.key}.${q.evidenceKey(first)}`).fill(SENTENCE);
          break;
        }
        case "partners":
          if ((await page.getByRole("button", { name: "Remove partner 1" }).count()) === 0) {
            await page.getByRole("button", { name: "Add a partner" }).click();
          }
          await field(page, path).fill("Fraunhofer ILT");
          await field(page, `${path}.0.country`).selectOption("DE");
          await field(page, `${path}.0.type`).selectOption("rto");
          await field(page, `${path}.0.role`).fill("Leads process development for laser powder bed fusion.");
          await field(page, `${path}.0.share`).fill("40");
          break;
      }
    }
  }
}

export async function waitForSaved(page: Page) {
  await expect(page.locator("#save-status")).toContainText("Saved at", { timeout: 15_000 });
}

/** Answers "Have you completed this section?" and continues. */
export async function completeSection(page: Page, answer: "yes" | "no", button = "Save and continue") {
  await page
    .getByRole("group", { name: "Have you completed this section?" })
    .getByLabel(answer === "yes" ? "Yes, I've completed this section" : "No, I'll come back later")
    .check();
  await page.getByRole("button", { name: button }).click();
}

/** A task-list row's status, read from the link's row. */
export function taskRow(page: Page, title: string) {
  return page.locator(".tasks__item").filter({ has: page.getByText(title, { exact: true }) });
}
