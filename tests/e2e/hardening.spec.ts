import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, field, register, signIn, waitForSaved } from "./support";

const uniqueEmail = (label: string) => `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;

async function startProposal(page: Page) {
  await page.getByRole("link", { name: "Funding calls" }).click();
  await page.waitForURL(/\/calls$/);
  await page.getByRole("link", { name: /International R&I collaboration/ }).click();
  await page.waitForURL(/\/calls\/\d+$/);
  await page.getByRole("button", { name: "Start a proposal" }).click();
  await page.waitForURL(/\/proposals\/\d+\/edit$/);
  // The task list: the project section is its own page, and autosaves there.
  await page.getByRole("link", { name: "Project", exact: true }).click();
  await page.waitForURL(/\/sections\/project$/);
}

test("a copied session cookie stops working once its owner signs out", async ({ page, browser }) => {
  await register(page, uniqueEmail("signout"));
  const cookies = await page.context().cookies();
  expect(cookies.some((c) => c.name.endsWith("authjs.session-token"))).toBe(true);

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/");

  // Someone who copied the cookie before sign-out replays it.
  const thief = await browser.newContext();
  await thief.addCookies(cookies);
  const stolen = await thief.newPage();
  await stolen.goto("/proposals");
  await expect(stolen).toHaveURL(/\/signin/);
  await thief.close();
});

test("a disabled bidder cannot sign in, and can again once re-enabled", async ({ page, browser }) => {
  const email = uniqueEmail("disabled");
  const bidderContext = await browser.newContext();
  const bidder = await bidderContext.newPage();
  await register(bidder, email);

  await signIn(page, "manager@demo.test");
  await page.goto("/manage/people/accounts");
  await expectNoAxeViolations(page);
  const row = page.getByRole("row", { name: new RegExp(email) });
  await row.getByRole("button", { name: /Disable/ }).click();
  await expect(row.getByText("Disabled")).toBeVisible();

  // Its open session ends at once…
  await bidder.goto("/proposals");
  await expect(bidder).toHaveURL(/\/signin/);
  // …and signing in is refused.
  await bidder.getByLabel("Email address").fill(email);
  await bidder.getByLabel("Password").fill("a-long-password-1");
  await bidder.getByRole("button", { name: "Sign in" }).click();
  await expect(bidder.getByText("This account has been disabled").first()).toBeVisible();

  await row.getByRole("button", { name: /Enable/ }).click();
  await expect(row.getByText("Active")).toBeVisible();
  await signIn(bidder, email, "a-long-password-1");
  await expect(bidder).not.toHaveURL(/\/signin/);
  await bidderContext.close();
});

test("after a save's response is lost, typing on saves normally with no conflict", async ({ page }) => {
  await register(page, uniqueEmail("lost"));
  await startProposal(page);
  await field(page, "project.title").fill("First words");
  await waitForSaved(page);

  // The next save reaches the server, but its response never comes back.
  let dropped = 0;
  await page.route(
    (url) => url.pathname.endsWith("/sections/project"),
    async (route) => {
      if (route.request().method() === "POST" && dropped === 0) {
        dropped++;
        await route.fetch();
        await route.abort("connectionreset");
        return;
      }
      await route.continue();
    },
  );
  await field(page, "project.summary").fill("Saved on the server, answer lost.");
  await expect(page.locator("#save-status")).toContainText("Could not reach Tandem");
  expect(dropped).toBe(1);

  await field(page, "project.summary").fill("Saved on the server, answer lost. And typing carries on.");
  await waitForSaved(page);
  await expect(page.locator("#save-status")).not.toContainText("changed in another tab");

  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await expect(field(page, "project.summary")).toHaveValue("Saved on the server, answer lost. And typing carries on.");
});

test("pages carry a nonce-based Content-Security-Policy and the other security headers", async ({ page }) => {
  const response = await page.goto("/signin");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  // Every script on the page carries the nonce; the page still works (sign-in is client-side).
  const nonce = /'nonce-([^']+)'/.exec(headers["content-security-policy"]!)![1];
  const scripts = await page.locator("script").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.every((n) => n === nonce)).toBe(true);
  await signIn(page, "bidder@demo.test");
});
