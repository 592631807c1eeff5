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
import { getJointCall, type JointCallView } from "@/lib/server/manage/joint";
import { getCallRanking } from "@/lib/server/manage/ranking";
import { JointDecisions, JointRankings, ReleaseRule, ReleaseStatus } from "@/components/manage/JointCallTables";
import { ConfirmAction } from "@/components/manage/ConfirmAction";
import { confirmReleaseAction } from "@/lib/server/actions/manage-actions";
import { formatMoney } from "@/lib/domain/agencies";
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
  const joint = await getJointCall(actor, id);
  if (joint) return <JointRankingPage view={joint} />;
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

/** A joint call: three rankings, both agencies' decisions side by side, and the two-step release. */
function JointRankingPage({ view }: { view: JointCallView }) {
  const { call, agencies, side } = view;
  const mine = agencies[side];
  const myConfirmation = view.release.confirmed[side];
  return (
    <>
      <CallHeader call={call} current="ranking" title="Ranking" />
      <p>
        A joint call of {agencies.home.name} and {agencies.partner.name}. You work for {mine.name}.
      </p>
      <ul className={styles.stats}>
        <li>
          <strong>{formatMoney(view.budgets.home, agencies.home.currency)}</strong> {agencies.home.name} budget
        </li>
        <li>
          <strong>{formatMoney(view.budgets.partner, agencies.partner.currency)}</strong> {agencies.partner.name} budget
        </li>
        <li>
          <strong>{formatCount(view.rows.filter((r) => r.fundableByBoth).length)}</strong> fundable by both
        </li>
        <li>
          <strong>{formatCount(view.rows.filter((r) => r.disagreement.length > 0).length)}</strong> where the panels disagree
        </li>
      </ul>
      <p>
        Download: <a href={paths.rankingCsv(call.id)}>ranking with both agencies&apos; grants and decisions (CSV)</a> ·{" "}
        <a href={paths.scoresCsv(call.id)}>all scores (CSV)</a>
      </p>
      <JointRankings view={view} />
      <JointDecisions view={view} />
      <h2>Release to bidders</h2>
      {view.release.releasedAt ? (
        <div className="notification notification--success">
          <p>
            Both agencies confirmed, and the decisions were released to bidders. Each bidder sees the joint outcome and both
            agencies&apos; feedback.
          </p>
        </div>
      ) : (
        <>
          <ReleaseRule view={view} />
          <ReleaseStatus view={view} />
          {call.stage === "closed" && !myConfirmation ? (
            view.release.undecided[side] > 0 ? (
              <p>Record {mine.name}&apos;s decision on every proposal (from its page) before confirming the release.</p>
            ) : view.release.undecided[side === "home" ? "partner" : "home"] > 0 ? (
              <p>You can confirm the release once {agencies[side === "home" ? "partner" : "home"].name} has decided every proposal too.</p>
            ) : (
              <ConfirmAction
                label={`Confirm the release for ${mine.name}`}
                confirmLabel="Yes, confirm the release"
                question={
                  view.release.confirmed[side === "home" ? "partner" : "home"]
                    ? "The other agency has confirmed, so the decisions go to bidders now and can no longer change."
                    : "Decisions go to bidders once the other agency confirms too."
                }
                input={{ callId: call.id }}
                action={confirmReleaseAction}
                warning
                done="Release confirmed."
              />
            )
          ) : null}
        </>
      )}
    </>
  );
}
