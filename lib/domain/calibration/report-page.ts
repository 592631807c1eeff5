import type { CalibratedProposal } from "./analyse";

/**
 * One page of the "How sure?" report's proposals. A call of 5,000 proposals rendered whole was
 * 19 MiB of HTML and RSC payload and took 11 s to serve; a page holds 100, like the ranking.
 * The same page number picks proposals by position in two orders: expected rank for the chart
 * (and a joint call's zones table), raw rank for the side-by-side table, so "page 3" is places
 * 201–300 in each.
 */
export const CALIBRATION_PAGE_SIZE = 100;

export interface CalibrationReportPage {
  /** The page shown (the one asked for, kept within 1…pages). */
  page: number;
  pages: number;
  /** 1-based positions of the page's first and last proposal in either order. */
  first: number;
  last: number;
  total: number;
  /** The page's proposals in expected-rank order. */
  byExpectedRank: CalibratedProposal[];
  /** The page's proposals in raw-rank order. */
  byRawRank: CalibratedProposal[];
  /** The chart's rank axis: the whole call's 1…n on a single page, else the page's own 90 % intervals. */
  domain: [number, number];
}

/**
 * `proposals` in raw-rank order (as the analysis returns them). A page number out of range shows
 * the nearest page.
 */
export function calibrationReportPage(proposals: readonly CalibratedProposal[], page: number, size = CALIBRATION_PAGE_SIZE): CalibrationReportPage {
  const total = proposals.length;
  const pages = Math.max(1, Math.ceil(total / size));
  const number = Math.min(Math.max(1, Math.trunc(page) || 1), pages);
  const start = (number - 1) * size;
  const byExpectedRank = [...proposals].sort((a, b) => a.expectedRank - b.expectedRank || a.rawRank - b.rawRank).slice(start, start + size);
  const byRawRank = proposals.slice(start, start + size);
  const domain: [number, number] =
    pages === 1
      ? [1, Math.max(2, total)]
      : [Math.min(...byExpectedRank.map((p) => p.rank90.low)), Math.max(...byExpectedRank.map((p) => p.rank90.high))];
  return { page: number, pages, first: total === 0 ? 0 : start + 1, last: start + byExpectedRank.length, total, byExpectedRank, byRawRank, domain };
}

/**
 * The page on which a funding line at expected rank `line` falls: the page of the first proposal
 * whose expected rank lies beyond it (the last page when none does). Null without a line.
 */
export function fundingLinePage(proposals: readonly CalibratedProposal[], line: number | null, size = CALIBRATION_PAGE_SIZE): number | null {
  if (line === null || proposals.length === 0) return null;
  const above = proposals.reduce((n, p) => n + (p.expectedRank <= line ? 1 : 0), 0);
  return Math.min(Math.floor(above / size) + 1, Math.max(1, Math.ceil(proposals.length / size)));
}
