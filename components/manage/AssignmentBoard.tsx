import Link from "next/link";
import { JobProgress } from "@/components/jobs/JobProgress";
import { formatDateTime } from "@/lib/format";
import { paths } from "@/lib/paths";
import { assignAssessorAction, autoAssignAction, unassignAssessorAction } from "@/lib/server/actions/manage-actions";
import type { AssignmentBoard as Board, AutoAssignReport, AutoAssignState, BoardProposal } from "@/lib/server/manage/assignments";
import { AssessorCombobox } from "./AssessorCombobox";
import { AssessorSearchResults, type BoardSearch } from "./AssessorSearchResults";
import { AutoAssignButton, UnassignButton } from "./AssignmentControls";
import { formatCount, plural } from "./format";
import styles from "./manage.module.css";
import { pageHref, Pagination } from "./Pagination";
import { ScrollTable } from "./ScrollTable";
import { AssessmentStateTag } from "./Tags";

/** The assignments board of a call: automatic assignment, the paged proposals with their assessors, and the pool. */
export function AssignmentBoard({ board, search, assigned }: { board: Board; search: BoardSearch | null; assigned: number | null }) {
  const { call } = board;
  const assignedTitle = assigned === null ? null : board.proposals.find((p) => p.id === assigned)?.title;
  return (
    <>
      {assignedTitle ? (
        <div className="notification notification--success" role="status">
          <p>An assessor has been assigned to {assignedTitle}.</p>
        </div>
      ) : null}
      {!board.canAssign ? (
        <div className="notification" role="note">
          <p>
            {call.decisionsReleasedAt
              ? `Decisions were released on ${formatDateTime(call.decisionsReleasedAt)}, so assessors can no longer change.`
              : `Assessors can be assigned once the call closes on ${formatDateTime(call.closesAt)}, when proposals can no longer change.`}
          </p>
        </div>
      ) : (
        <AutomaticAssignment board={board} />
      )}
      <h2>Proposals</h2>
      {board.proposals.length === 0 ? <p>No proposals have been submitted to this call.</p> : <ProposalTable board={board} search={search} />}
      <Pagination
        page={board.page.number}
        pages={board.page.pages}
        href={(n) => pageHref(paths.callAssignments(call.id), {}, n)}
        label="Pages of proposals"
      />
      <AssessorPool board={board} />
    </>
  );
}

function AutomaticAssignment({ board }: { board: Board }) {
  const { automatic } = board;
  return (
    <>
      <p>
        Each submitted proposal needs {plural(board.required, "assessor", "assessors")} from your agency.{" "}
        {board.gaps === 0 ? "Every proposal has them." : `${plural(board.gaps, "place is", "places are")} still to fill.`}
      </p>
      <h2>Assign automatically</h2>
      <p>
        Fills every gap with the best match of expertise there is (a domain match first, then a theme match), keeping each
        assessor’s number of proposals balanced{board.usesInvitations ? " and within the maximum they accepted" : ""}. It never assigns an
        assessor who declared a conflict, who works at the lead or a partner organisation, or whom you unassigned from that proposal.
        Existing assignments stay as they are. {board.usesInvitations ? "It uses only the assessors who accepted this call’s invitation." : "No invitations have been sent for this call, so it uses all your agency’s assessors."}
      </p>
      {automatic.running ? (
        <JobProgress
          url={paths.callJob(board.call.id, "autoAssignment", automatic.key)}
          label="Assigning assessors automatically"
          initial={{ progress: automatic.running.progress, message: automatic.running.message }}
        />
      ) : (
        <AutoAssignButton callId={board.call.id} autoAssign={autoAssignAction} />
      )}
      <div aria-live="polite">{automatic.running ? null : <AutoAssignOutcome automatic={automatic} />}</div>
    </>
  );
}

function AutoAssignOutcome({ automatic }: { automatic: AutoAssignState }) {
  if (automatic.failure) {
    return (
      <div className="notification notification--warning">
        <h2>Automatic assignment failed</h2>
        <p>{automatic.failure.message}</p>
        <p className={styles.meta}>At {formatDateTime(automatic.failure.at)}.</p>
      </div>
    );
  }
  if (!automatic.last) return null;
  const { report, at } = automatic.last;
  return (
    <div className={`notification ${report.short.length > 0 ? "notification--warning" : "notification--success"}`}>
      <h2>{report.added === 0 ? "No assessors were added" : `${plural(report.added, "assignment", "assignments")} added`}</h2>
      {report.added === 0 && report.short.length === 0 ? <p>Every proposal already has the assessors it needs.</p> : null}
      {report.short.length > 0 ? <ShortList report={report} /> : null}
      <p className={styles.meta}>
        Finished {formatDateTime(at)} in {report.seconds.toFixed(1)} s, from a pool of {plural(report.pool, "assessor", "assessors")}.
        {report.added > 0
          ? ` Best expertise match: ${formatCount(report.domainMatches)} domain and ${formatCount(report.themeMatches)} theme matches; ${report.loadRule} (loads differ by at most ${report.loadSpread}).`
          : ""}
      </p>
    </div>
  );
}

function ShortList({ report }: { report: AutoAssignReport }) {
  return (
    <>
      <p>{report.short.length === 1 ? "1 proposal is" : `${formatCount(report.short.length)} proposals are`} still short of assessors:</p>
      <ul>
        {report.short.slice(0, 50).map((s) => (
          <li key={s.proposalId}>
            <strong>{s.title}</strong>: {s.have} of {s.required} assessors. {s.reason}.
          </li>
        ))}
      </ul>
      {report.short.length > 50 ? <p>And {formatCount(report.short.length - 50)} more.</p> : null}
      <p>
        Invite more assessors to the call, raise a maximum, or assign someone by hand below.
      </p>
    </>
  );
}

function ProposalTable({ board, search }: { board: Board; search: BoardSearch | null }) {
  const { page } = board;
  return (
    <ScrollTable
      caption={
        <>
          Submitted proposals and their assessors
          {page.pages > 1 ? ` (page ${formatCount(page.number)} of ${formatCount(page.pages)}, ${formatCount(page.total)} proposals)` : ""}
        </>
      }
      dense
    >
      <thead>
        <tr>
          <th scope="col">Proposal</th>
          <th scope="col">Assessors</th>
          {board.canAssign ? <th scope="col">Add an assessor</th> : null}
        </tr>
      </thead>
      <tbody>
        {board.proposals.map((p) => (
          <ProposalRow
            key={p.id}
            callId={board.call.id}
            boardPage={page.number}
            proposal={p}
            canAssign={board.canAssign}
            search={search?.proposalId === p.id ? search : null}
          />
        ))}
      </tbody>
    </ScrollTable>
  );
}

function ProposalRow({
  callId,
  boardPage,
  proposal: p,
  canAssign,
  search,
}: {
  callId: number;
  boardPage: number;
  proposal: BoardProposal;
  canAssign: boolean;
  search: BoardSearch | null;
}) {
  return (
    <tr>
      <th scope="row">
        <Link href={paths.callProposal(callId, p.id)}>{p.title}</Link>
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
      {canAssign ? (
        <td>
          <AssessorCombobox
            suggestionsUrl={paths.callAssignmentSuggestions(callId)}
            searchUrl={paths.callAssignments(callId)}
            boardPage={boardPage}
            proposalId={p.id}
            proposalTitle={p.title}
            initialQuery={search?.q}
            assign={assignAssessorAction}
          />
          {search ? <AssessorSearchResults callId={callId} boardPage={boardPage} proposalTitle={p.title} search={search} /> : null}
        </td>
      ) : null}
    </tr>
  );
}

function AssessorPool({ board }: { board: Board }) {
  return (
    <>
      <h2>Assessor pool</h2>
      <p>
        {board.usesInvitations
          ? "The assessors of your agency who accepted this call’s invitation."
          : "All your agency’s assessors: no invitations have been sent for this call."}
      </p>
      <table className={styles.dense}>
        <caption className="visually-hidden">Assessors in the pool and how many proposals of this call each has</caption>
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
              <td>{a.expertiseNames || <span className="muted">None given</span>}</td>
              <td className={styles.num}>
                {formatCount(a.load)}
                {a.maxProposals !== null ? ` of at most ${formatCount(a.maxProposals)}` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <Link href={paths.newPerson}>Add an assessor</Link> or <Link href={paths.callInvitations(board.call.id)}>invite assessors</Link>
      </p>
    </>
  );
}
