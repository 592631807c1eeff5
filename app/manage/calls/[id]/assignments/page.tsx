import type { Metadata } from "next";
import Link from "next/link";
import { AssignForm, AutoAssignButton, UnassignButton } from "@/components/manage/AssignmentControls";
import { CallHeader } from "@/components/manage/CallHeader";
import { formatCount, plural } from "@/components/manage/format";
import styles from "@/components/manage/manage.module.css";
import { AssessmentStateTag } from "@/components/manage/Tags";
import { findDomain } from "@/lib/domain/report/technology-domains";
import { formatDateTime } from "@/lib/format";
import { paths } from "@/lib/paths";
import { parseRouteId } from "@/lib/route-id";
import { Pagination } from "@/components/manage/Pagination";
import { assignAssessorAction, autoAssignAction, unassignAssessorAction } from "@/lib/server/actions/manage-actions";
import { getAssignmentBoard } from "@/lib/server/manage/assignments";
import { foundOr404, routeIdOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Assessors" };

export default async function AssignmentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const callId = routeIdOr404(id);
  const actor = await requirePageActor("assignment:manage", paths.callAssignments(callId));
  const board = foundOr404(await getAssignmentBoard(actor, callId, new Date(), parseRouteId(typeof query.page === "string" ? query.page : "") ?? 1));
  const { call } = board;

  return (
    <>
      <CallHeader call={call} current="assignments" title="Assessors" />
      {!board.canAssign ? (
        <div className="notification" role="note">
          <p>
            {call.decisionsReleasedAt
              ? `Decisions were released on ${formatDateTime(call.decisionsReleasedAt)}, so assessors can no longer change.`
              : `Assessors can be assigned once the call closes on ${formatDateTime(call.closesAt)}, when proposals can no longer change.`}
          </p>
        </div>
      ) : (
        <>
          <p>
            Each submitted proposal needs {plural(call.assessorsRequired, "assessor", "assessors")}.{" "}
            {board.gaps === 0
              ? "Every proposal has them."
              : `${plural(board.gaps, "place is", "places are")} still to fill.`}
          </p>
          <h2>Assign automatically</h2>
          <p>
            Fills every gap, balancing the number of proposals each assessor has and preferring experts in the proposal’s
            technology domain. It never assigns an assessor who declared a conflict, who works at the lead or a partner
            organisation, or whom you unassigned from that proposal. Existing assignments stay as they are.
          </p>
          <AutoAssignButton callId={call.id} autoAssign={autoAssignAction} />
        </>
      )}

      <h2>Proposals</h2>
      {board.proposals.length === 0 ? (
        <p>No proposals have been submitted to this call.</p>
      ) : (
        <div className={styles.scroll} role="region" aria-labelledby="assignments-caption" tabIndex={0}>
          <table className={styles.dense}>
            <caption id="assignments-caption">
              Submitted proposals and their assessors
              {board.page.pages > 1 ? ` (page ${formatCount(board.page.number)} of ${formatCount(board.page.pages)}, ${formatCount(board.page.total)} proposals)` : ""}
            </caption>
            <thead>
              <tr>
                <th scope="col">Proposal</th>
                <th scope="col">Assessors</th>
                {board.canAssign ? <th scope="col">Add an assessor</th> : null}
              </tr>
            </thead>
            <tbody>
              {board.proposals.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link href={paths.callProposal(call.id, p.id)}>{p.title}</Link>
                    <div className={styles.meta}>
                      {p.leadOrganisation || "No lead organisation given"} · {p.domain}
                    </div>
                    {p.excluded.length > 0 ? (
                      <details>
                        <summary>{plural(p.excluded.length, "assessor", "assessors")} may not assess this</summary>
                        <ul>
                          {p.excluded.map((x) => (
                            <li key={x.name}>
                              {x.name}: {x.reason.toLowerCase()}
                            </li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                  </th>
                  <td>
                    <p className={p.scoring < p.required ? "error-message" : undefined}>
                      {p.scoring} of {p.required}
                      {p.scoring < p.required ? " (short)" : ""}
                    </p>
                    <ul className={styles.assessors}>
                      {p.assigned.map((a) => (
                        <li key={a.assessorId}>
                          <span>{a.assessorName}</span>
                          <AssessmentStateTag state={a.state} />
                          <UnassignButton
                            proposalId={p.id}
                            assessorId={a.assessorId}
                            assessorName={a.assessorName}
                            proposalTitle={p.title}
                            started={a.started}
                            unassign={unassignAssessorAction}
                          />
                        </li>
                      ))}
                    </ul>
                  </td>
                  {board.canAssign ? (
                    <td>
                      <AssignForm proposalId={p.id} proposalTitle={p.title} candidates={p.candidates} assign={assignAssessorAction} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        page={board.page.number}
        pages={board.page.pages}
        href={(n) => `${paths.callAssignments(call.id)}${n > 1 ? `?page=${n}` : ""}`}
        label="Pages of proposals"
      />

      <h2>Assessor pool</h2>
      <table className={styles.dense}>
        <caption className="visually-hidden">Assessors and how many proposals of this call each has</caption>
        <thead>
          <tr>
            <th scope="col">Assessor</th>
            <th scope="col">Organisation</th>
            <th scope="col">Expertise</th>
            <th scope="col" className={styles.num}>
              Proposals in this call
            </th>
          </tr>
        </thead>
        <tbody>
          {board.assessors.map((a) => (
            <tr key={a.id}>
              <th scope="row">{a.name}</th>
              <td>{a.organisation}</td>
              <td>{a.expertise.map((d) => findDomain(d)?.shortName ?? d).join(", ") || <span className="muted">None given</span>}</td>
              <td className={styles.num}>{formatCount(a.load)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <Link href={paths.newPerson}>Add an assessor</Link>
      </p>
    </>
  );
}
