import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, field, register, signIn, waitForSaved } from "./support";

/** The bidder's draft autosave (a JSON POST to app/api/proposals/[id]/draft). */
const isDraftSave = (url: URL) => /^\/api\/proposals\/\d+\/draft$/.test(url.pathname);

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
  // The accounts are paged (thousands of bidders register for a large call): find this one.
  await page.getByLabel("Find an account").fill(email);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText(`1 account matches “${email}”`)).toBeVisible();
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
    isDraftSave,
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

test.describe("sign-out and the drafts kept in this browser", () => {
  const draftKeys = (page: Page) =>
    page.evaluate(() => Object.keys(window.localStorage).filter((k) => k.startsWith("tandem:")));

  test("sends what is unsaved first, then removes the local copies the server holds", async ({ page }) => {
    const email = uniqueEmail("signout-drafts");
    await register(page, email);
    await startProposal(page);
    const editUrl = page.url();
    // Sign out straight after typing, before the autosave's delay has passed.
    await field(page, "project.title").fill("Typed just before signing out");
    expect(await draftKeys(page)).not.toEqual([]);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    expect(await draftKeys(page)).toEqual([]);

    // The server has it.
    await signIn(page, email, "a-long-password-1");
    await page.goto(editUrl);
    await expect(field(page, "project.title")).toHaveValue("Typed just before signing out");
  });

  test("never removes a copy the server does not hold without asking", async ({ page }) => {
    await register(page, uniqueEmail("signout-offline"));
    await startProposal(page);
    await field(page, "project.title").fill("Saved");
    await waitForSaved(page);
    // The connection drops: saves fail, so the copy on this device is the only one.
    await page.route(isDraftSave, (route) => (route.request().method() === "POST" ? route.abort("internetdisconnected") : route.continue()));
    await field(page, "project.title").fill("Only on this device");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "not saved on Tandem yet" })).toBeVisible();
    expect(await draftKeys(page)).toHaveLength(1);
    await page.unroute(isDraftSave);
    await page.getByRole("button", { name: "Sign out and keep them on this device" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    expect(await draftKeys(page)).toHaveLength(1);
  });
});

test.describe("requests from outside the browser", () => {
  /** Server action ids by exported name, from the build the server runs. */
  function actionId(name: string): string {
    const manifest = JSON.parse(fs.readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8")) as {
      node: Record<string, { exportedName?: string }>;
    };
    const id = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === name)?.[0];
    if (!id) throw new Error(`no action ${name} in the build`);
    return id;
  }

  test("malformed server-action requests get a 4xx, never a 500", async ({ request, baseURL }) => {
    const action = actionId("completeSectionAction");
    const post = (headers: Record<string, string>, data: string | Buffer) =>
      request.post("/calls", { headers: { "Next-Action": action, "Content-Type": "text/plain;charset=UTF-8", Origin: baseURL!, ...headers }, data, maxRedirects: 0 });
    expect((await post({ Origin: "https://evil.example" }, "[{}]")).status()).toBe(403);
    expect((await post({ Origin: "null" }, "[{}]")).status()).toBe(403);
    expect((await post({}, "")).status()).toBe(400);
    expect((await post({}, "this is not an action call")).status()).toBe(400);
    expect((await post({}, '{"proposalId":1}')).status()).toBe(400);
    expect((await post({ "Content-Type": "application/json" }, "[{}]")).status()).toBe(415);
    expect((await post({ "Content-Type": "multipart/form-data" }, "x")).status()).toBe(400);
    expect((await post({}, Buffer.alloc(2 * 1024 * 1024 + 10, "a"))).status()).toBe(413);
    expect((await request.get("/calls", { headers: { "Next-Action": action }, maxRedirects: 0 })).status()).toBe(405);
    // A well-formed call with the wrong argument types, to a page that has the action, is answered
    // with a refusal, not an error.
    const wrongTypes = await request.post("/proposals/1/sections/project", {
      headers: { "Next-Action": action, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: baseURL! },
      data: "[123]",
    });
    expect(wrongTypes.status()).toBe(200);
    expect(await wrongTypes.text()).toContain('"ok":false');
  });

  test("the plain-form start action refuses a JSON argument with a redirect, not an error", async ({ page, baseURL }) => {
    await register(page, uniqueEmail("json-start"));
    const response = await page.request.post("/calls/1", {
      headers: { "Next-Action": actionId("startProposalAction"), "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: baseURL! },
      data: JSON.stringify([{ callId: 1 }]),
      maxRedirects: 0,
    });
    expect(response.status()).toBeLessThan(500);
    expect(response.headers()["x-action-redirect"]).toContain("problem=invalid");
  });

  test("signed-out CSV exports get 401, not a redirect to sign-in", async ({ request }) => {
    for (const file of ["ranking.csv", "scores.csv"]) {
      const response = await request.get(`/manage/calls/2/export/${file}`, { maxRedirects: 0 });
      expect(response.status()).toBe(401);
    }
  });

  test("a forged X-Forwarded-Host or -Proto changes neither the sign-in redirect nor the transport headers", async ({ request }) => {
    const response = await request.get("/proposals", {
      headers: { "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(307);
    expect(response.headers()["location"]).not.toContain("evil.example");
    expect(response.headers()["location"]).toContain("/signin");
    // Served over plain HTTP, and the proxy headers are not trusted: no HSTS.
    expect(response.headers()["strict-transport-security"]).toBeUndefined();
  });

  test("sign-in is throttled per account with 429 and Retry-After, even for the right password", async ({ page, request }) => {
    const email = uniqueEmail("throttled");
    await register(page, email);
    const attempt = async (password: string) => {
      const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
      return request.post("/api/auth/callback/credentials", {
        form: { email, password, csrfToken, callbackUrl: "/proposals" },
        headers: { "X-Forwarded-Host": "evil.example" },
        maxRedirects: 0,
      });
    };
    for (let i = 0; i < 5; i++) {
      const failed = await attempt(`wrong-password-${i}`);
      expect(failed.status()).not.toBe(429);
      expect(failed.headers()["location"] ?? "").not.toContain("evil.example");
    }
    // From here each failure locks the account for longer (1 s, 2 s, 4 s …).
    let throttled = null;
    for (let i = 0; i < 5 && !throttled; i++) {
      const response = await attempt("wrong-password-again");
      if (response.status() === 429) throttled = response;
    }
    expect(throttled, "no 429 after repeated failures").not.toBeNull();
    expect(Number(throttled!.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(await throttled!.text()).toMatch(/Too many|try again/i);
    expect((await attempt("a-long-password-1")).status()).toBe(429);
  });

  test("the health check says the database is readable and writable, and nothing else", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok", database: { readable: true, writable: true } });
  });
});
