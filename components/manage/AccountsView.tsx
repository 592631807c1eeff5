import { formatDateTime } from "@/lib/format";
import type { AccountChange, AccountRow } from "@/lib/server/accounts";
import { setAccountDisabledAction } from "@/lib/server/actions/manage-actions";
import { AccountToggle } from "./AccountToggle";
import styles from "./manage.module.css";
import { ScrollTable } from "./ScrollTable";

const ROLE = { bidder: "Bidder", assessor: "Assessor", manager: "Portfolio manager" } as const;

/** Every account, with a switch to disable or re-enable it (not the viewer's own), and the recent changes. */
export function AccountsView({ accounts, changes, viewerId }: { accounts: AccountRow[]; changes: AccountChange[]; viewerId: number }) {
  return (
    <>
      <h1>Accounts</h1>
      <p>A disabled account cannot sign in, and any session it has ends at once. Enabling it again restores its access.</p>
      <ScrollTable caption="Accounts" dense hiddenCaption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Organisation</th>
            <th scope="col">State</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                {a.name}
                <div className={styles.meta}>{a.email}</div>
              </th>
              <td>{ROLE[a.role]}</td>
              <td>{a.organisation}</td>
              <td>
                {a.disabledAt ? <strong className="tag tag--red">Disabled</strong> : <strong className="tag tag--green">Active</strong>}
              </td>
              <td>
                {a.id === viewerId ? "Your account" : <AccountToggle userId={a.id} name={a.name} disabled={Boolean(a.disabledAt)} action={setAccountDisabledAction} />}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <h2>Recent changes</h2>
      {changes.length === 0 ? (
        <p>No account has been disabled or enabled yet.</p>
      ) : (
        <ul>
          {changes.map((c, i) => (
            <li key={i}>
              {formatDateTime(c.at)}: {c.actorName} {c.action === "user.disabled" ? "disabled" : "enabled"} the account of {c.userName}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
