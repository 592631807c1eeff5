import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import { paths } from "@/lib/paths";
import type { CallSummary } from "@/lib/server/calls";
import type { ProposalListItem } from "@/lib/server/proposals";

/** The bidder's proposals (drafts open their task list, submitted ones their read-only page) and the open calls. */
export function ProposalList({ proposals, openCalls }: { proposals: ProposalListItem[]; openCalls: CallSummary[] }) {
  return (
    <>
      <h1>Your proposals</h1>
      {proposals.length === 0 ? <p>You have not started a proposal yet.</p> : null}
      {proposals.length > 0 ? (
        <table>
          <caption className="visually-hidden">Your proposals</caption>
          <thead>
            <tr>
              <th scope="col">Proposal</th>
              <th scope="col">Call</th>
              <th scope="col">Status</th>
              <th scope="col">Last changed</th>
            </tr>
          </thead>
          <tbody>
            {proposals.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link href={p.status === "draft" ? paths.editProposal(p.id) : paths.proposal(p.id)}>{p.title}</Link>
                </td>
                <td>
                  {p.callTitle}
                  <br />
                  <span className="muted">Closes {formatDateTime(p.closesAt)}</span>
                </td>
                <td>
                  {p.status === "submitted" ? (
                    <strong className="tag tag--green">Submitted</strong>
                  ) : (
                    <>
                      <strong className="tag tag--blue">Draft</strong>{" "}
                      <span className="muted">
                        {p.completeSections} of {p.totalSections} sections completed
                      </span>
                    </>
                  )}
                </td>
                <td>{formatDateTime(p.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h2>Open calls</h2>
      {openCalls.length === 0 ? <p>There are no open calls at the moment.</p> : null}
      <ul>
        {openCalls.map((c) => (
          <li key={c.id}>
            <Link href={paths.call(c.id)}>{c.title}</Link> – closes {formatDateTime(c.closesAt)}
          </li>
        ))}
      </ul>
    </>
  );
}
