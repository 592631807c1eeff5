import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { TECHNOLOGY_DOMAINS } from "../../lib/domain/report/technology-domains";
import { parseCsv } from "../support/csv-reader";
import { expectNoAxeViolations, signedInWithoutJavaScript, signIn } from "./support";
import { largeCall, type LargeCallFixture } from "./support/large-call";

const PROPOSALS = 1_500;
const PAGE_SIZE = 100;

/** The CSV's ranked rows, by the columns this journey checks. */
interface CsvRow {
  rank: number;
  id: number;
  title: string;
  domain: string;
  withinBudget: boolean;
}

function rankedCsvRows(text: string): CsvRow[] {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/u, ""));
  const col = (name: string) => header!.indexOf(name);
  const [status, rank, id, title, domain, within] = ["Status", "Rank", "Proposal ID", "Title", "Technology domain", "Within budget"].map(col);
  return rows
    .filter((r) => r[status!] === "Ranked")
    .map((r) => ({ rank: Number(r[rank!]), id: Number(r[id!]), title: r[title!]!, domain: r[domain!]!, withinBudget: r[within!] === "yes" }));
}

/** Rank, title and "within budget" of each row of the ranking table on screen. */
async function tableRows(page: Page) {
  const table = page.getByRole("table", { name: /^(Ranked proposals|Showing|All)/ });
  return table.locator("tbody tr").evaluateAll((rows) =>
    rows.map((r) => ({
      rank: Number(r.querySelector("td")?.textContent?.trim()),
      title: r.querySelector("th")?.textContent?.trim() ?? "",
      withinBudget: r.textContent?.includes("so far") ?? false,
    })),
  );
}

let call: LargeCallFixture;

test.beforeAll(async () => {
  call = await largeCall({ key: "ranking", proposals: PROPOSALS });
});

test("a manager pages through the ranking of a 1,500-proposal call, filters it over the whole call and downloads it as CSV", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, call.manager.email, call.manager.password);
  const ranking = `/manage/calls/${call.callId}/ranking`;

  // The CSV first: it is the whole ranking, the truth each page and filter is checked against.
  await page.goto(ranking);
  await expect(page.getByRole("heading", { level: 1, name: "Ranking" })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "ranking (CSV)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^large-call-ranking-.*-ranking\.csv$/);
  const csvText = fs.readFileSync((await download.path())!, "utf8");
  const csv = rankedCsvRows(csvText);
  expect(csvText.split("\r\n").filter(Boolean)).toHaveLength(PROPOSALS + 1);
  expect(csv).toHaveLength(PROPOSALS);
  expect(csv.map((r) => r.rank)).toEqual(csv.map((_, i) => i + 1));
  // The funding line falls inside the call, not on its first page.
  const lastFunded = Math.max(...csv.filter((r) => r.withinBudget).map((r) => r.rank));
  expect(lastFunded).toBeGreaterThan(PAGE_SIZE);
  expect(lastFunded).toBeLessThan(PROPOSALS);

  // Page 1: the first hundred, ranks 1–100, with the totals of the whole call.
  const pages = Math.ceil(PROPOSALS / PAGE_SIZE);
  await expect(page.getByRole("table", { name: `Ranked proposals 1–100 of 1,500, in rank order` })).toBeVisible();
  const pager = page.getByRole("navigation", { name: "Ranking pages" });
  await expect(pager.getByText(`Page 1 of ${pages}`)).toBeVisible();
  expect(await tableRows(page)).toEqual(csv.slice(0, PAGE_SIZE).map((r) => ({ rank: r.rank, title: r.title, withinBudget: r.withinBudget })));
  await expectNoAxeViolations(page);

  // Next page: ranks continue, and the funding line is where the whole call puts it.
  await pager.getByRole("link", { name: "Next page" }).click();
  await expect(page.getByRole("table", { name: `Ranked proposals 101–200 of 1,500, in rank order` })).toBeVisible();
  expect(await tableRows(page)).toEqual(csv.slice(100, 200).map((r) => ({ rank: r.rank, title: r.title, withinBudget: r.withinBudget })));
  const linePage = Math.ceil(lastFunded / PAGE_SIZE);
  await page.goto(`${ranking}?page=${linePage}`);
  await expect(pager.getByText(`Page ${linePage} of ${pages}`)).toBeVisible();
  const first = (linePage - 1) * PAGE_SIZE;
  expect(await tableRows(page)).toEqual(csv.slice(first, first + PAGE_SIZE).map((r) => ({ rank: r.rank, title: r.title, withinBudget: r.withinBudget })));
  await pager.getByRole("link", { name: "Previous page" }).click();
  await expect(pager.getByText(`Page ${linePage - 1} of ${pages}`)).toBeVisible();

  // A filter chooses rows from the whole call; their ranks and funding stay those of the whole call.
  const domains = new Map<string, number>();
  for (const r of csv) domains.set(r.domain, (domains.get(r.domain) ?? 0) + 1);
  const [domain, matching] = [...domains].filter(([, n]) => n > PAGE_SIZE).sort((a, b) => b[1] - a[1])[0]!;
  const expected = csv.filter((r) => r.domain === domain);
  // The CSV names the domain by its long name, the filter by its short one: select by id.
  await page.getByLabel("Technology domain").selectOption(TECHNOLOGY_DOMAINS.find((d) => d.longName === domain)!.id);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL(/domain=/);
  const filteredName = `Showing 1–100 of ${matching.toLocaleString("en-GB")} matching proposals (of 1,500 ranked), with their ranks in the whole call`;
  await expect(page.getByRole("table", { name: filteredName })).toBeVisible();
  expect(await tableRows(page)).toEqual(expected.slice(0, PAGE_SIZE).map((r) => ({ rank: r.rank, title: r.title, withinBudget: r.withinBudget })));
  await expectNoAxeViolations(page);

  // Its second page keeps the filter. The results stream in after the page's frame (a status
  // shows meanwhile), so wait for the second page's table before reading its rows.
  await pager.getByRole("link", { name: "Next page" }).click();
  await page.waitForURL(/domain=.*page=2|page=2.*domain=/);
  const secondPage = `Showing 101–${Math.min(200, matching)} of ${matching.toLocaleString("en-GB")} matching proposals (of 1,500 ranked), with their ranks in the whole call`;
  await expect(page.getByRole("table", { name: secondPage })).toBeVisible();
  expect(await tableRows(page)).toEqual(expected.slice(100, 200).map((r) => ({ rank: r.rank, title: r.title, withinBudget: r.withinBudget })));

  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page.getByRole("table", { name: `Ranked proposals 1–100 of 1,500, in rank order` })).toBeVisible();
});

test("without JavaScript the streamed ranking is all there: the frame, then the rows, pages and filters as plain links and forms", async ({ browser }) => {
  test.setTimeout(120_000);
  const { context, page } = await signedInWithoutJavaScript(browser, call.manager.email, call.manager.password);
  const ranking = `/manage/calls/${call.callId}/ranking`;

  await page.goto(`${ranking}?page=2`);
  await expect(page.getByRole("heading", { level: 1, name: "Ranking" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Ranked proposals 101–200 of 1,500, in rank order" })).toBeVisible();
  // No script replaces the fallback, so it must not be left saying the ranking is on its way.
  await expect(page.getByText("Ranking the call’s proposals…")).toBeHidden();
  expect(await tableRows(page)).toHaveLength(PAGE_SIZE);

  const pager = page.getByRole("navigation", { name: "Ranking pages" });
  await pager.getByRole("link", { name: "Previous page" }).click();
  await expect(page.getByRole("table", { name: "Ranked proposals 1–100 of 1,500, in rank order" })).toBeVisible();

  // Every domain offered is one of the call's proposals', all of them ranked.
  const domainSelect = page.getByLabel("Technology domain");
  await domainSelect.selectOption((await domainSelect.locator("option").nth(1).getAttribute("value"))!);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("table", { name: /^Showing .* with their ranks in the whole call$/ })).toBeVisible();
  await context.close();
});
