import type { Metadata } from "next";
import { AccountToggle } from "@/components/manage/AccountToggle";
import styles from "@/components/manage/manage.module.css";
import { ScrollTable } from "@/components/manage/ScrollTable";
import { formatDateTime } from "@/lib/format";
import { paths } from "@/lib/paths";
import { listAccounts } from "@/lib/server/accounts";
import { setAccountDisabledAction } from "@/lib/server/actions/manage-actions";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Accounts" };

const ROLE = { bidder: "Bidder", assessor: "Assessor", manager: "Portfolio manager" } as const;

/** Every account, with a switch to disable or re-enable it, and the recent changes. */
export default async function AccountsPage() {
  const actor = await requirePageActor("user:manage", paths.accounts);
  const data = await listAccounts(actor);
  if (!data) notFound();
  const { accounts, changes } = data;
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
                {a.id === actor.id ? "Your account" : <AccountToggle userId={a.id} name={a.name} disabled={Boolean(a.disabledAt)} action={setAccountDisabledAction} />}
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
