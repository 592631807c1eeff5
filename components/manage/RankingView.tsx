import Link from "next/link";
import { Suspense } from "react";
import { formatPounds } from "@/lib/format";
import { paths } from "@/lib/paths";
import type { CallRanking } from "@/lib/server/manage/ranking";
import type { RankingFrame } from "@/lib/server/manage/ranking-frame";
import { CallHeader } from "./CallHeader";
import { formatCount, plural } from "./format";
import { Loading } from "./Loading";
import styles from "./manage.module.css";
import { pageHref, Pagination } from "./Pagination";
import { PortfolioBalanceTables } from "./PortfolioBalanceTables";
import { RankingFilters } from "./RankingFilters";
import { AwaitingTable, RankingTable } from "./RankingTable";

/**
 * The ranking page: its frame (heading, navigation, downloads, filter form) at once, then one page
 * of the ranking once the call is ranked (streamed; see the README's "Streamed pages").
 */
export function RankingView({ frame, page, ranking }: { frame: RankingFrame; page: number; ranking: Promise<CallRanking | null> }) {
  return (
    <RankingFrameView frame={frame}>
      {/* Keyed by what it shows: a navigation to another page or filter is a new boundary, so it
          shows its status at once instead of holding the old rows until the new ones arrive. */}
      <Suspense key={JSON.stringify([frame.filters, page])} fallback={<Loading>Ranking the call’s proposals…</Loading>}>
        <RankingResults ranking={ranking} />
      </Suspense>
    </RankingFrameView>
  );
}

/** What arrives first: the heading, the call's navigation, the downloads and the filter form. */
function RankingFrameView({ frame, children }: { frame: RankingFrame; children: React.ReactNode }) {
  const { call } = frame;
  return (
    <>
      <CallHeader call={call} current="ranking" title="Ranking" />
      <p>
        Proposals that pass every minimum score come first, by weighted total. Walking down the ranking, a passing proposal is
        within budget when its grant still fits in what is left; one that does not fit is skipped, so a cheaper one below it
        can still be within budget. Means and totals are rounded here; the CSV has them unrounded.
      </p>
      <p>
        Download: <a href={paths.rankingCsv(call.id)}>ranking (CSV)</a> · <a href={paths.scoresCsv(call.id)}>all scores (CSV)</a>
      </p>
      <RankingFilters action={paths.callRanking(call.id)} filters={frame.filters} options={frame.options} />
      {children}
    </>
  );
}

function caption(r: CallRanking): string {
  const { page } = r;
  const range = page.pages > 1 ? `${formatCount(page.first + 1)}–${formatCount(page.first + page.rows.length)} of ` : "";
  if (r.filtered) {
    return page.pages > 1
      ? `Showing ${range}${formatCount(r.counts.shownRanked)} matching proposals (of ${formatCount(r.counts.ranked)} ranked), with their ranks in the whole call`
      : `Showing ${formatCount(r.counts.shownRanked)} of ${formatCount(r.counts.ranked)} ranked proposals, with their ranks in the whole call`;
  }
  return page.pages > 1 ? `Ranked proposals ${range}${formatCount(r.counts.ranked)}, in rank order` : `All ${formatCount(r.counts.ranked)} ranked proposals, in rank order`;
}

/** The streamed part: totals of the whole call, one page of the ranking, the awaiting proposals and the balance. */
async function RankingResults({ ranking }: { ranking: Promise<CallRanking | null> }) {
  const r = await ranking;
  if (!r) return <p>We could not find that call.</p>;
  const { call, funding, page } = r;
  const rankingPageHref = (n: number) => pageHref(paths.callRanking(call.id), r.filters, n, "#ranked");
  return (
    <>
      <h2 id="ranked">Ranked proposals</h2>
      <ul className={styles.stats}>
        <li>
          <strong>{formatPounds(funding.budget)}</strong> budget
        </li>
        <li>
          <strong>{formatPounds(funding.allocated)}</strong> requested by the {plural(funding.withinBudget, "proposal", "proposals")} within
          budget
        </li>
        <li>
          <strong>{formatCount(funding.passing)}</strong> of {formatCount(r.counts.ranked)} ranked proposals pass
        </li>
        <li>
          <strong>{formatCount(r.counts.awaiting)}</strong> awaiting assessments
        </li>
      </ul>
      {r.counts.ranked === 0 ? (
        <p>No proposal has all {call.assessorsRequired} of its assessments yet.</p>
      ) : r.counts.shownRanked === 0 ? (
        <p>No ranked proposals match these filters.</p>
      ) : (
        <>
          <RankingTable callId={call.id} criteria={r.criteria} rows={page.rows} caption={caption(r)} />
          <Pagination page={page.number} pages={page.pages} href={rankingPageHref} label="Ranking pages" />
        </>
      )}

      <h2>Awaiting assessment</h2>
      {r.counts.awaiting === 0 ? (
        <p>Every submitted proposal has its assessments.</p>
      ) : r.shownAwaiting.length === 0 ? (
        <p>No proposals awaiting assessment match these filters.</p>
      ) : (
        <>
          <p>These proposals are not ranked until {plural(call.assessorsRequired, "assessor has", "assessors have")} submitted.</p>
          <AwaitingTable callId={call.id} rows={r.shownAwaiting} />
        </>
      )}

      <h2>Portfolio balance</h2>
      <p className="hint">Of all ranked proposals in the call, whatever the filters.</p>
      <PortfolioBalanceTables balance={r.balance} />
      <p>
        To fund a balanced portfolio within the budget (for example a minimum share for net zero, or at most one award per lead
        organisation), compare <Link href={paths.callPortfolio(call.id)}>portfolio scenarios</Link>.
      </p>
    </>
  );
}
