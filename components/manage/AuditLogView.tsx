import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import { paths } from "@/lib/paths";
import type { CallAuditLog } from "@/lib/server/manage/audit-log";
import { CallHeader } from "./CallHeader";
import styles from "./manage.module.css";
import { ScrollTable } from "./ScrollTable";

const ROLE: Record<string, string> = { bidder: "bidder", assessor: "assessor", manager: "manager" };

/** Who did what in a call, newest first, with a GET filter by kind of action. */
export function AuditLogView({ log }: { log: CallAuditLog }) {
  const { call } = log;
  return (
    <>
      <CallHeader call={call} current="audit" title="Audit log" />
      <p>Who did what in this call, newest first. Entries cannot be changed or removed.</p>
      <form method="get" action={paths.callAudit(call.id)} className={styles.inlineForm}>
        <div className="form-group">
          <label htmlFor="audit-action">Show</label>
          <select id="audit-action" name="action" defaultValue={log.action ?? ""}>
            <option value="">Everything</option>
            {log.actions.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <button type="submit" className="button button--secondary">
            Filter
          </button>
        </div>
      </form>
      {log.entries.length === 0 ? (
        <p>Nothing has been recorded{log.action ? " of this kind" : ""} yet.</p>
      ) : (
        <ScrollTable caption={`${log.entries.length} ${log.entries.length === 1 ? "entry" : "entries"}`} dense>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Proposal</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {log.entries.map((e) => (
              <tr key={e.id}>
                <td className={styles.nowrap}>{formatDateTime(e.at)}</td>
                <td>
                  {e.actorName}
                  {e.actorRole ? <span className="muted"> ({ROLE[e.actorRole]}{e.actorAgency ? `, ${e.actorAgency}` : ""})</span> : null}
                </td>
                <th scope="row">{e.actionLabel}</th>
                <td>{e.proposal ? <Link href={paths.callProposal(call.id, e.proposal.id)}>{e.proposal.title}</Link> : ""}</td>
                <td>{e.summary}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </>
  );
}
