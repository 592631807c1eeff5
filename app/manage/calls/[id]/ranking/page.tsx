import type { Metadata } from "next";
import Link from "next/link";
import { CallHeader } from "@/components/manage/CallHeader";
import { formatCount, plural } from "@/components/manage/format";
import styles from "@/components/manage/manage.module.css";
import { PortfolioBalanceTables } from "@/components/manage/PortfolioBalanceTables";
import { RankingFilters } from "@/components/manage/RankingFilters";
import { Pagination } from "@/components/manage/Pagination";
import { AwaitingTable, RankingTable } from "@/components/manage/RankingTable";
import { formatPounds } from "@/lib/format";
import { paths } from "@/lib/paths";
import { parseRouteId } from "@/lib/route-id";
import { rankingFiltersSchema } from "@/lib/validation/manage";
import { foundOr404, routeIdOr404 } from "@/lib/server/pages";
import { getCallRanking } from "@/lib/server/manage/ranking";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Ranking" };

/** Rows per page: the ranking, funding line and filters are computed over the whole call. */
const PAGE_SIZE = 100;

export default async function RankingPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id: rawId }, query] = await Promise.all([params, searchParams]);
  const id = routeIdOr404(rawId);
  const actor = await requirePageActor("ranking:read", paths.callRanking(id));
  const r = foundOr404(await getCallRanking(actor, id, rankingFiltersSchema.parse(query)));
  const { call, funding } = r;
  const pages = Math.max(1, Math.ceil(r.shownRanked.length / PAGE_SIZE));
  const page = Math.min(pages, parseRouteId(typeof query.page === "string" ? query.page : "") ?? 1);
  const first = (page - 1) * PAGE_SIZE;
  const pageRows = r.shownRanked.slice(first, first + PAGE_SIZE);
  const pageHref = (n: number) => {
    const search = new URLSearchParams(Object.entries(r.filters).filter((e): e is [string, string] => typeof e[1] === "string"));
    if (n > 1) search.set("page", String(n));
    const text = search.toString();
    return `${paths.callRanking(call.id)}${text ? `?${text}` : ""}#ranked`;
  };
  const range = pages > 1 ? `${formatCount(first + 1)}–${formatCount(first + pageRows.length)} of ` : "";

  return (
    <>
      <CallHeader call={call} current="ranking" title="Ranking" />
      <ul className={styles.stats}>
        <li>
          <strong>{formatPounds(funding.budget)}</strong> budget
        </li>
        <li>
          <strong>{formatPounds(funding.allocated)}</strong> requested by the {plural(funding.withinBudget, "proposal", "proposals")} within
          budget
        </li>
        <li>
          <strong>{formatCount(funding.passing)}</strong> of {formatCount(r.ranked.length)} ranked proposals pass
        </li>
        <li>
          <strong>{formatCount(r.awaiting.length)}</strong> awaiting assessments
        </li>
      </ul>
      <p>
        Proposals that pass every minimum score come first, by weighted total. Walking down the ranking, a passing proposal is
        within budget when its grant still fits in what is left; one that does not fit is skipped, so a cheaper one below it
        can still be within budget. Means and totals are rounded here; the CSV has them unrounded.
      </p>
      <p>
        Download: <a href={paths.rankingCsv(call.id)}>ranking (CSV)</a> · <a href={paths.scoresCsv(call.id)}>all scores (CSV)</a>
      </p>

      <RankingFilters action={paths.callRanking(call.id)} filters={r.filters} options={r.options} />

      <h2 id="ranked">Ranked proposals</h2>
      {r.ranked.length === 0 ? (
        <p>No proposal has all {call.assessorsRequired} of its assessments yet.</p>
      ) : r.shownRanked.length === 0 ? (
        <p>No ranked proposals match these filters.</p>
      ) : (
        <>
          <RankingTable
            callId={call.id}
            criteria={r.criteria}
            rows={pageRows}
            caption={
              r.filtered
                ? pages > 1
                  ? `Showing ${range}${formatCount(r.shownRanked.length)} matching proposals (of ${formatCount(r.ranked.length)} ranked), with their ranks in the whole call`
                  : `Showing ${formatCount(r.shownRanked.length)} of ${formatCount(r.ranked.length)} ranked proposals, with their ranks in the whole call`
                : pages > 1
                  ? `Ranked proposals ${range}${formatCount(r.ranked.length)}, in rank order`
                  : `All ${formatCount(r.ranked.length)} ranked proposals, in rank order`
            }
          />
          <Pagination page={page} pages={pages} href={pageHref} label="Ranking pages" />
        </>
      )}

      <h2>Awaiting assessment</h2>
      {r.awaiting.length === 0 ? (
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
