import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CalibrationReport } from "@/components/calibration/CalibrationReport";
import { analyseCalibration, type CalibratedProposal } from "@/lib/domain/calibration/analyse";
import { calibrationReportPage, fundingLinePage } from "@/lib/domain/calibration/report-page";
import { simulateCalibrationInput } from "../support/simulate-call";

/** `n` proposals in raw-rank order whose expected ranks run in a different order (every 7th swapped with its neighbour). */
function proposals(n: number): CalibratedProposal[] {
  return Array.from({ length: n }, (_, i) => {
    const er = i % 7 === 0 && i + 1 < n ? i + 2 : i % 7 === 1 ? i : i + 1;
    return {
      id: 1000 + i,
      title: `Proposal ${i + 1}`,
      rawRank: i + 1,
      weightedTotal: 90 - i / 10,
      passes: true,
      withinBudget: i < 120,
      grantRequested: 100_000,
      calibrated: 80 - i / 10,
      calibrated90: { low: 70 - i / 10, high: 90 - i / 10 },
      expectedRank: er,
      rank50: { low: Math.max(1, er - 1), high: er + 1 },
      rank90: { low: Math.max(1, er - 3), high: er + 3 },
      zone: er < 110 ? "fund" : er < 130 ? "close" : "reject",
      fragile: false,
    };
  });
}

describe("a page of the How sure? report", () => {
  const all = proposals(250);

  it("takes places 101–200 in each order on page 2, and keeps the chart's axis to that page's ranks", () => {
    const page = calibrationReportPage(all, 2);
    expect(page).toMatchObject({ page: 2, pages: 3, first: 101, last: 200, total: 250 });
    expect(page.byRawRank.map((p) => p.rawRank)).toEqual(Array.from({ length: 100 }, (_, i) => 101 + i));
    const ers = page.byExpectedRank.map((p) => p.expectedRank);
    expect(ers).toEqual([...ers].sort((a, b) => a - b));
    const sortedAll = [...all].sort((a, b) => a.expectedRank - b.expectedRank);
    expect(page.byExpectedRank.map((p) => p.id)).toEqual(sortedAll.slice(100, 200).map((p) => p.id));
    expect(page.domain[0]).toBeGreaterThanOrEqual(97);
    expect(page.domain[1]).toBeLessThanOrEqual(204);
  });

  it("shows the nearest page for a page number out of range, and the whole call's axis on a single page", () => {
    expect(calibrationReportPage(all, 9)).toMatchObject({ page: 3, first: 201, last: 250 });
    expect(calibrationReportPage(all, 0).page).toBe(1);
    expect(calibrationReportPage(all, Number.NaN).page).toBe(1);
    expect(calibrationReportPage(proposals(40), 1).domain).toEqual([1, 40]);
    expect(calibrationReportPage([], 1)).toMatchObject({ page: 1, pages: 1, first: 0, last: 0 });
  });

  it("finds the page where the funding line falls", () => {
    expect(fundingLinePage(all, 120.5)).toBe(2);
    expect(fundingLinePage(all, 99.5)).toBe(1);
    expect(fundingLinePage(all, 100.5)).toBe(2);
    expect(fundingLinePage(all, 400)).toBe(3);
    expect(fundingLinePage(all, null)).toBeNull();
  });
});

describe("the How sure? report of a call of 250 proposals", { timeout: 60_000 }, () => {
  const { input } = simulateCalibrationInput(250, 50, 11);
  const result = analyseCalibration({ ...input, sampler: { warmup: 30, draws: 60, criterionWarmup: 20, criterionDraws: 30 } });
  const render = (page: number) =>
    renderToStaticMarkup(<CalibrationReport callId={7} result={result} titles={{}} page={page} pageHref={(n) => `/manage/calls/7/calibration?page=${n}#expected-ranks-heading`} />);
  const bodyRows = (html: string, caption: RegExp) => {
    const table = html.split("<table").slice(1).find((t) => caption.test(t.split("</caption>")[0] ?? "")) ?? "";
    return (table.split("<tbody>")[1]?.split("</tbody>")[0]?.match(/<tr/g) ?? []).length;
  };

  it("shows one page of 100 proposals in the chart and the table, with page links", () => {
    const html = render(2);
    expect(html).toContain("places 101 to 200 of 250");
    expect(bodyRows(html, /Ranked proposals in raw rank order, places 101 to 200 of 250/)).toBe(100);
    expect(html).toContain('aria-label="Pages of ranked proposals"');
    expect(html).toContain('href="/manage/calls/7/calibration?page=1#expected-ranks-heading"');
    expect(html).toContain('href="/manage/calls/7/calibration?page=3#expected-ranks-heading"');
    // The chart's data table holds this page's proposals only.
    expect(bodyRows(html, /Expected rank of each proposal/)).toBe(100);
  });

  it("offers the way to the funding line's page, and draws the line only on the page that holds it", () => {
    expect(result.fundingLine).not.toBeNull();
    const linePage = fundingLinePage(result.proposals, result.fundingLine)!;
    const other = linePage === 1 ? 3 : 1;
    const away = render(other);
    expect(away).toContain(`Go to the funding line (page ${linePage})`);
    expect(away).toContain(`href="/manage/calls/7/calibration?page=${linePage}#expected-ranks-heading"`);
    expect(away).not.toContain("Dashed line: Funding line");
    const at = render(linePage);
    expect(at).toContain("This page holds the funding line.");
    expect(at).toContain("Dashed line: Funding line");
  });
});
