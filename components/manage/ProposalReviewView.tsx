import Link from "next/link";
import { formatMean, formatTotal } from "./format";
import { DecisionForm } from "./DecisionForm";
import styles from "./manage.module.css";
import { ReopenAssessmentButton } from "./ReopenAssessmentButton";
import { ScrollTable } from "./ScrollTable";
import { AssessmentStateTag, OutcomeTag, PassTag, StageTag } from "./Tags";
import { AppendixList } from "@/components/proposal/AppendixList";
import { ProposalView } from "@/components/proposal/ProposalView";
import { StrategicFitNotice } from "@/components/proposal/StrategicFitNotice";
import { describeFailure } from "@/lib/domain/ranking";
import { formatDateTime, formatPounds } from "@/lib/format";
import { paths } from "@/lib/paths";
import { reopenAssessmentAction } from "@/lib/server/actions/assessment-actions";
import { recordDecisionAction } from "@/lib/server/actions/manage-actions";
import type { SlotFiles } from "@/lib/server/appendices";
import type { ProposalReview } from "@/lib/server/manage/review";

const RECOMMENDATION: Record<string, string> = { yes: "Fund", no: "Do not fund", "": "Not given" };
const CONFIDENCE: Record<string, string> = { low: "Low", medium: "Medium", high: "High", "": "Not given" };

/** One proposal for managers: its rank and totals, the counted assessments side by side, the others, the decision and the proposal itself. */
export function ProposalReviewView({ review, appendices }: { review: ProposalReview; appendices: SlotFiles[] }) {
  const { call, proposal, criteria, assessments, ranking } = review;
  const ranked = ranking.kind === "ranked" ? ranking.row : null;
  return (
    <>
      <p className="muted">
        <Link href={paths.callRanking(call.id)}>Ranking</Link> · <Link href={paths.manageCall(call.id)}>{call.title}</Link>
      </p>
      <span className="caption">
        {call.title} <StageTag stage={call.stage} />
      </span>
      <h1>{proposal.title}</h1>

      <dl className="summary-list">
        <div>
          <dt>Rank</dt>
          <dd>
            {ranked
              ? `${ranked.rank} of ${ranking.kind === "ranked" ? ranking.of : ""}`
              : `Not ranked: ${ranking.row.submittedAssessments} of ${ranking.row.assessorsRequired} assessments submitted`}
          </dd>
        </div>
        {ranked ? (
          <>
            <div>
              <dt>Weighted total</dt>
              <dd>{formatTotal(ranked.weightedTotal)} out of 100</dd>
            </div>
            <div>
              <dt>Result</dt>
              <dd>
                <PassTag passes={ranked.passes} />
                {ranked.failedThresholds.map((f) => (
                  <span key={f.criterionKey}> {describeFailure(f)}.</span>
                ))}
              </dd>
            </div>
            <div>
              <dt>Within budget</dt>
              <dd>{ranked.withinBudget ? `Yes (${formatPounds(ranked.cumulativeGrant)} allocated up to here)` : "No"}</dd>
            </div>
          </>
        ) : null}
        <div>
          <dt>Grant requested</dt>
          <dd>{formatPounds(proposal.grantRequested)}</dd>
        </div>
        <div>
          <dt>Submitted</dt>
          <dd>{formatDateTime(proposal.submittedAt)}</dd>
        </div>
        <div>
          <dt>Decision</dt>
          <dd>
            {review.decision ? (
              <>
                <OutcomeTag outcome={review.decision.outcome} /> recorded by {review.decision.decidedBy} on{" "}
                {formatDateTime(review.decision.decidedAt)}
                {review.decisionsReleasedAt ? ", released to the bidder" : ", not yet released"}
              </>
            ) : (
              "Not yet recorded"
            )}
          </dd>
        </div>
      </dl>

      <h2>Assessments</h2>
      {assessments.length === 0 ? (
        <p>No submitted assessments count toward the ranking yet.</p>
      ) : (
        <ScrollTable caption="Submitted assessments side by side" dense className={styles.side}>
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              {assessments.map((a) => (
                <th scope="col" key={a.assessmentId}>
                  {a.assessorName}
                  <div className={styles.meta}>{a.assessorOrganisation}</div>
                </th>
              ))}
              {ranked ? (
                <th scope="col" className={styles.num}>
                  Mean
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {criteria.map((c) => {
              const disagreement = ranked?.disagreements.find((d) => d.criterionKey === c.key);
              return (
                <tr key={c.key}>
                  <th scope="row">
                    {c.title}
                    <div className={styles.meta}>
                      {c.weight}% of the total{c.threshold !== null ? `, minimum ${formatMean(c.threshold)}` : ""}, scale {c.scaleMin} to{" "}
                      {c.scaleMax}
                    </div>
                    {disagreement ? <strong className="tag tag--yellow">Assessors disagree</strong> : null}
                  </th>
                  {assessments.map((a) => (
                    <td key={a.assessmentId}>
                      <span className={styles.score}>
                        {a.scores[c.key] ?? "–"}
                        <span className="visually-hidden"> out of {c.scaleMax}</span>
                      </span>
                      {a.justifications[c.key]}
                    </td>
                  ))}
                  {ranked ? <td className={styles.num}>{formatMean(ranked.criterionMeans[c.key] ?? 0)}</td> : null}
                </tr>
              );
            })}
            <tr>
              <th scope="row">In scope of the call</th>
              {assessments.map((a) => (
                <td key={a.assessmentId}>
                  {a.inScope === "yes" ? "Yes" : a.inScope === "no" ? `No: ${a.inScopeComment}` : <span className="muted">Not asked</span>}
                </td>
              ))}
              {ranked ? <td /> : null}
            </tr>
            <tr>
              <th scope="row">Recommendation</th>
              {assessments.map((a) => (
                <td key={a.assessmentId}>{RECOMMENDATION[a.recommendation] ?? a.recommendation}</td>
              ))}
              {ranked ? <td /> : null}
            </tr>
            <tr>
              <th scope="row">Confidence</th>
              {assessments.map((a) => (
                <td key={a.assessmentId}>{CONFIDENCE[a.confidence] ?? a.confidence}</td>
              ))}
              {ranked ? <td /> : null}
            </tr>
            <tr>
              <th scope="row">Feedback for the bidder</th>
              {assessments.map((a) => (
                <td key={a.assessmentId}>{a.bidderFeedback}</td>
              ))}
              {ranked ? <td /> : null}
            </tr>
            <tr>
              <th scope="row">Comment for managers</th>
              {assessments.map((a) => (
                <td key={a.assessmentId}>{a.privateComment || <span className="muted">None</span>}</td>
              ))}
              {ranked ? <td /> : null}
            </tr>
            <tr>
              <th scope="row">Submitted</th>
              {assessments.map((a) => (
                <td key={a.assessmentId}>
                  {a.submittedAt ? formatDateTime(a.submittedAt) : ""}
                  {review.decisionsReleasedAt ? null : (
                    <ReopenAssessmentButton
                      assessmentId={a.assessmentId}
                      assessorName={a.assessorName}
                      reopen={reopenAssessmentAction}
                    />
                  )}
                </td>
              ))}
              {ranked ? <td /> : null}
            </tr>
          </tbody>
        </ScrollTable>
      )}
      {review.others.length > 0 ? (
        <>
          <h3>Other assessors</h3>
          <ul className={styles.assessors}>
            {review.others.map((o, i) => (
              <li key={`${o.assessorName}-${i}`}>
                {o.assessorName} <AssessmentStateTag state={o.state} />
                {o.note ? <span className="muted">{o.note}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2 id="decision">Decision</h2>
      {review.decisionsReleasedAt ? (
        <>
          <p>
            Decisions for this call were released on {formatDateTime(review.decisionsReleasedAt)} and can no longer be changed.
          </p>
          {review.decision ? (
            <dl className="summary-list">
              <div>
                <dt>Decision</dt>
                <dd>
                  <OutcomeTag outcome={review.decision.outcome} />
                </dd>
              </div>
              <div>
                <dt>Feedback for the bidder</dt>
                <dd>{review.decision.feedback}</dd>
              </div>
            </dl>
          ) : null}
        </>
      ) : review.canDecide ? (
        <DecisionForm
          proposalId={proposal.id}
          defaultValues={review.decisionForm}
          recorded={review.decision !== null}
          action={recordDecisionAction}
        />
      ) : (
        <p>Decisions can be recorded once the call has closed.</p>
      )}

      <h2>The proposal</h2>
      <StrategicFitNotice fit={proposal.fit} />
      <ProposalView answers={proposal.answers} headingLevel={3} joint={proposal.joint} />
      <AppendixList slots={appendices} />
    </>
  );
}
