import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import { paths } from "@/lib/paths";
import type { ManagedCall } from "@/lib/server/manage/calls-admin";
import { formatCount } from "./format";
import styles from "./manage.module.css";
import { ScrollTable } from "./ScrollTable";
import { StageTag } from "./Tags";

/** The managers' home: the calls they may manage, with links to what they may administer. */
export function ManagedCallsView({ calls, mayConfigure, mayManageAgencies }: { calls: ManagedCall[]; mayConfigure: boolean; mayManageAgencies: boolean }) {
  return (
    <>
      <h1>Calls</h1>
      <p>
        {mayConfigure ? (
          <Link href={paths.newCall} className="button">
            Create a call
          </Link>
        ) : null}
        <Link href={paths.people} className="button button--secondary">
          Assessors and managers
        </Link>
        {mayManageAgencies ? (
          <Link href={paths.agencies} className="button button--secondary">
            Partner agencies
          </Link>
        ) : null}
      </p>
      {calls.length === 0 ? (
        <p>There are no calls yet.</p>
      ) : (
        <ScrollTable caption="All calls, latest closing first">
          <thead>
            <tr>
              <th scope="col">Call</th>
              <th scope="col">Phase</th>
              <th scope="col">Closes</th>
              <th scope="col" className={styles.num}>
                Proposals submitted
              </th>
              <th scope="col" className={styles.num}>
                Assessments submitted
              </th>
              <th scope="col" className={styles.num}>
                Decisions
              </th>
            </tr>
          </thead>
          <tbody>
            {calls.map((call) => (
              <tr key={call.id}>
                <th scope="row">
                  <Link href={paths.manageCall(call.id)}>{call.title}</Link>
                  {call.partnerAgencyName ? <div className={`muted ${styles.small}`}>Joint call with {call.partnerAgencyName}</div> : null}
                </th>
                <td>
                  <StageTag stage={call.stage} />
                </td>
                <td>{formatDateTime(call.closesAt)}</td>
                <td className={styles.num}>
                  {formatCount(call.submittedProposals)}
                  {call.draftProposals > 0 ? <span className="muted"> ({formatCount(call.draftProposals)} in draft)</span> : null}
                </td>
                <td className={styles.num}>
                  {formatCount(call.assessmentsSubmitted)} of {formatCount(call.assessmentsRequired)}
                </td>
                <td className={styles.num}>
                  {call.decisionsReleasedAt
                    ? "Released"
                    : call.submittedProposals > 0
                      ? `${formatCount(call.decisionsRecorded)} of ${formatCount(call.submittedProposals)}`
                      : "–"}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </>
  );
}
