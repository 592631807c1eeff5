import Link from "next/link";
import { formatMoney } from "@/lib/domain/agencies";
import { formatDateTime, formatPounds } from "@/lib/format";
import { paths } from "@/lib/paths";
import { releaseDecisionsAction } from "@/lib/server/actions/manage-actions";
import type { CallOverview } from "@/lib/server/manage/calls-admin";
import { CallDates } from "@/components/calls/CallDates";
import { CallHeader } from "./CallHeader";
import { ConfirmAction } from "./ConfirmAction";
import { CountTable } from "./CountTable";
import { formatCount, plural } from "./format";
import styles from "./manage.module.css";
import { AssessmentStateTag } from "./Tags";

/** A call at a glance: dates and budgets, proposals and assessments by status, overdue work, conflicts, the ranking and decisions. */
export function CallOverviewView({ o, notice }: { o: CallOverview; notice: "created" | "saved" | null }) {
  const { call } = o;
  return (
    <>
      {notice ? (
        <div className="notification notification--success" role="status">
          <h2>{notice === "created" ? "Call created" : "Changes saved"}</h2>
          <p>{notice === "created" ? "The call and its rubric are ready." : "The ranking now follows the call’s current settings."}</p>
        </div>
      ) : null}
      <CallHeader call={call} current="overview" />
      {call.description ? <p className="lead">{call.description}</p> : null}

      <dl className="summary-list">
        <CallDates call={call} />
        {o.joint ? (
          <>
            <div>
              <dt>Joint call with</dt>
              <dd>{o.joint.partner.name}</dd>
            </div>
            {[o.joint.home, o.joint.partner].map((a) => (
              <div key={a.name}>
                <dt>Budget of {a.name}</dt>
                <dd>{formatMoney(a.budget, a.currency)}</dd>
              </div>
            ))}
            <div>
              <dt>Assessors per proposal</dt>
              <dd>
                {o.joint.home.assessorsRequired} from {o.joint.home.name} and {o.joint.partner.assessorsRequired} from {o.joint.partner.name}
              </dd>
            </div>
            <div>
              <dt>Exchange rate (for rough equivalents only)</dt>
              <dd>
                {o.joint.exchangeRate} {o.joint.partner.currency} per £1
              </dd>
            </div>
          </>
        ) : (
          <>
            <div>
              <dt>Budget</dt>
              <dd>{formatPounds(call.budget)}</dd>
            </div>
            <div>
              <dt>Assessors per proposal</dt>
              <dd>{call.assessorsRequired}</dd>
            </div>
          </>
        )}
        <div>
          <dt>Overall minimum score</dt>
          <dd>{call.overallThreshold} out of 100</dd>
        </div>
      </dl>

      <h2>Proposals</h2>
      <CountTable
        caption="Proposals by status"
        heading="Proposals"
        rows={[
          { label: "Submitted", count: o.proposals.submitted },
          { label: "Draft, not submitted", count: o.proposals.draft },
        ]}
      />

      <h2>Assessments</h2>
      <CountTable
        caption="Assessments by status"
        heading="Assessments"
        rows={[
          { label: "Submitted", count: o.assessments.submitted },
          { label: "In draft", count: o.assessments.draft },
          { label: "Assigned, not started", count: o.assessments.notStarted },
          { label: "Ended by a declared conflict", count: o.assessments.conflictDeclared },
          { label: "Still to assign", count: o.assessments.unfilled },
        ]}
        total={{ label: `Needed (${call.assessorsRequired} for each submitted proposal)`, count: o.assessments.required }}
      />
      <p>
        <Link href={paths.callAssignments(call.id)}>Assign assessors</Link>
      </p>

      <h3>Overdue assessments</h3>
      {!o.assessmentsOverdue ? (
        <p>None yet: assessments are due by {formatDateTime(call.assessmentDueAt)}.</p>
      ) : o.overdue.length === 0 ? (
        <p>None: every assigned assessment has been submitted.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Assessments not submitted by {formatDateTime(call.assessmentDueAt)}</caption>
          <thead>
            <tr>
              <th scope="col">Proposal</th>
              <th scope="col">Assessor</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {o.overdue.map((row) => (
              <tr key={`${row.proposalId}-${row.assessorName}`}>
                <td>
                  <Link href={paths.callProposal(call.id, row.proposalId)}>{row.proposalTitle}</Link>
                </td>
                <td>{row.assessorName}</td>
                <td>
                  <AssessmentStateTag state={row.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>Declared conflicts of interest</h3>
      {o.conflicts.length === 0 ? (
        <p>No assessor has declared a conflict of interest.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Conflicts of interest declared by assessors</caption>
          <thead>
            <tr>
              <th scope="col">Proposal</th>
              <th scope="col">Assessor</th>
              <th scope="col">Their details</th>
              <th scope="col">Declared</th>
            </tr>
          </thead>
          <tbody>
            {o.conflicts.map((row) => (
              <tr key={`${row.proposalId}-${row.assessorName}`}>
                <td>
                  <Link href={paths.callProposal(call.id, row.proposalId)}>{row.proposalTitle}</Link>
                </td>
                <td>{row.assessorName}</td>
                <td>{row.details || <span className="muted">None given</span>}</td>
                <td>{row.declaredAt ? formatDateTime(row.declaredAt) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Ranking</h2>
      <p>
        {plural(o.ranking.ranked, "proposal is", "proposals are")} ranked;{" "}
        {plural(o.ranking.awaiting, "proposal is", "proposals are")} awaiting assessments.
      </p>
      <p>
        <Link href={paths.callRanking(call.id)} className="button">
          See the ranking
        </Link>
      </p>
      <p>
        Download: <a href={paths.rankingCsv(call.id)}>ranking (CSV)</a> · <a href={paths.scoresCsv(call.id)}>all scores (CSV)</a>
      </p>

      <h2>Decisions</h2>
      {o.decisions.releasedAt ? (
        <div className="notification notification--success">
          <p>
            Decisions were released to bidders on {formatDateTime(o.decisions.releasedAt)}. Each bidder sees their outcome and
            feedback.
          </p>
        </div>
      ) : null}
      <ul className={styles.stats}>
        <li>
          <strong>{formatCount(o.decisions.fund)}</strong> fund
        </li>
        <li>
          <strong>{formatCount(o.decisions.reserve)}</strong> reserve list
        </li>
        <li>
          <strong>{formatCount(o.decisions.reject)}</strong> do not fund
        </li>
        <li>
          <strong>{formatCount(o.decisions.undecided)}</strong> still to decide
        </li>
      </ul>
      {call.joint && call.stage === "closed" ? (
        <p>
          This is a joint call: each agency records its own decisions and confirms the release on the{" "}
          <Link href={paths.callRanking(call.id)}>ranking page</Link>, where both agencies&apos; positions are side by side.
        </p>
      ) : call.stage === "closed" ? (
        o.decisions.undecided > 0 || o.proposals.submitted === 0 ? (
          <p>
            Record a decision on each proposal from its page (open it from the <Link href={paths.callRanking(call.id)}>ranking</Link>
            ). Decisions can be released to bidders once every submitted proposal has one.
          </p>
        ) : (
          <ConfirmAction
            label="Release decisions to bidders"
            confirmLabel="Yes, release decisions"
            question={`Each of the ${formatCount(o.proposals.submitted)} bidders will see their outcome and feedback. Decisions cannot be changed after this.`}
            input={{ callId: call.id }}
            action={releaseDecisionsAction}
            warning
          />
        )
      ) : null}
    </>
  );
}
