import { expect, test } from "@playwright/test";
import { DEMO_CALLS } from "../../db/seed";
import { expectNoAxeViolations, signIn } from "./support";

const MANAGER = "manager@demo.test";

test("a manager sees how sure the ranking is, runs a lottery for the proposals too close to call and finds it in the audit log", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, MANAGER);
  await page.goto("/manage");
  await page.getByRole("link", { name: DEMO_CALLS.ranked }).click();
  await page.waitForURL(/\/manage\/calls\/\d+$/);
  const nav = page.getByRole("navigation", { name: "This call" });
  await nav.getByRole("link", { name: "How sure?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "How sure is this ranking?" })).toBeVisible();

  // The fit runs in a worker; the page shows progress and refreshes itself when it is done.
  await expect(page.getByRole("heading", { name: "Expected ranks and the funding line" })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole("figure", { name: /Expected rank of each proposal/ })).toBeVisible();
  await expect(page.getByRole("figure", { name: /Leniency of each assessor/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /Leniency of each assessor/ })).toBeVisible();
  await expect(page.getByRole("figure", { name: /scores given/ }).first()).toBeVisible();
  // The charts' data is also a table; the leniency table names the assessors.
  await page.getByRole("figure", { name: /Leniency of each assessor/ }).getByText("Show the data as a table").click();
  await expect(page.getByRole("region", { name: /Leniency of each assessor.*data/ }).getByRole("rowheader", { name: /Ben Assessor/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /Reliability of one assessor/ })).toBeVisible();
  await expect(page.getByText("Too close to call").first()).toBeVisible();
  await expectNoAxeViolations(page);

  // The lottery: on, commit a seed (its hash is published), draw.
  await page.getByRole("button", { name: "Turn the lottery on" }).click();
  await page.getByRole("button", { name: "Yes, turn it on" }).click();
  await page.getByRole("button", { name: /^Prepare a draw among the \d+ proposals too close to call$/ }).click();
  await page.getByRole("button", { name: "Yes, commit a seed" }).click();
  await expect(page.getByText(/seed committed, not yet drawn/)).toBeVisible();
  await expect(page.getByText("Revealed after the draw")).toBeVisible();
  await page.getByRole("button", { name: "Draw now" }).click();
  await page.getByRole("button", { name: "Yes, draw" }).click();
  await expect(page.getByRole("heading", { name: /Lottery \d+: drawn/ })).toBeVisible();
  await expect(page.getByText(/^Drawn order/)).toBeVisible();
  await expectNoAxeViolations(page);

  await nav.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Lottery seed committed (SHA-256 published)" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Lottery drawn (seed revealed)" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: /pre-filled by lottery/ }).first()).toBeVisible();
  await expectNoAxeViolations(page);
});
