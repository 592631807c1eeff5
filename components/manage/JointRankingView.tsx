import { Suspense } from "react";
import { CallHeader } from "./CallHeader";
import { ConfirmAction } from "./ConfirmAction";
import { formatCount } from "./format";
import { Loading } from "./Loading";
import { JointDecisions, JointRankings, ReleaseRule, ReleaseStatus } from "./JointCallTables";
import styles from "./manage.module.css";
import { formatMoney } from "@/lib/domain/agencies";
import { paths } from "@/lib/paths";
import { confirmReleaseAction } from "@/lib/server/actions/manage-actions";
import type { CallHeading } from "@/lib/server/manage/call-data";
import type { JointCallView } from "@/lib/server/manage/joint";

/**
 * A joint call's ranking page: the heading and navigation at once (from the page's frame read), then
 * the rankings, decisions and release once the call is ranked (streamed; see the README's
 * "Streamed pages"). No key on the boundary: the page has no filters or pages, and a refresh after
 * confirming keeps the revealed rankings on screen until the new ones arrive.
 */
export function JointRankingView({ call, view }: { call: CallHeading; view: Promise<JointCallView | null> }) {
  return (
    <>
      <CallHeader call={call} current="ranking" title="Ranking" />
      <Suspense fallback={<Loading>Ranking the joint call’s proposals…</Loading>}>
        <JointRankingResults view={view} />
      </Suspense>
    </>
  );
}

/** Three rankings, both agencies' decisions side by side, and the two-step release. */
async function JointRankingResults({ view: pending }: { view: Promise<JointCallView | null> }) {
  const view = await pending;
  if (!view) return <p>We could not find that call.</p>;
  const { call, agencies, side } = view;
  const mine = agencies[side];
  const myConfirmation = view.release.confirmed[side];
  return (
    <>
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
          {myConfirmation ? (
            // Shown from the stored confirmation, not the button's own message: the refresh after
            // confirming unmounts the button, so a message kept there could vanish unseen.
            <div className="notification notification--success" role="status">
              <p>
                Release confirmed. Decisions go to bidders once {agencies[side === "home" ? "partner" : "home"].name} confirms
                too.
              </p>
            </div>
          ) : null}
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
              />
            )
          ) : null}
        </>
      )}
    </>
  );
}
