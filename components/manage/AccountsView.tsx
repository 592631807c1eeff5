import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import { paths } from "@/lib/paths";
import type { AccountsPage } from "@/lib/server/accounts";
import { setAccountDisabledAction } from "@/lib/server/actions/manage-actions";
import { AccountToggle } from "./AccountToggle";
import { formatCount, plural } from "./format";
import styles from "./manage.module.css";
import { pageHref, Pagination } from "./Pagination";
import { ScrollTable } from "./ScrollTable";

const ROLE = { bidder: "Bidder", assessor: "Assessor", manager: "Portfolio manager" } as const;

/** What the table holds: which accounts of how many, and the search that chose them. */
function caption({ accounts, total, first, search }: AccountsPage): string {
  const range = `${formatCount(first)} to ${formatCount(first + accounts.length - 1)} of ${formatCount(total)}`;
  return `${search ? `Accounts matching “${search}”` : "Accounts"}, ${range}, by role then name`;
}

/**
 * One page of the accounts the viewer may manage, found by name, email or organisation, each with
 * a switch to disable or re-enable it (not the viewer's own), and the recent changes.
 */
export function AccountsView({ data, viewerId }: { data: AccountsPage; viewerId: number }) {
  const { accounts, changes, total, page, pages, search } = data;
  return (
    <>
      <h1>Accounts</h1>
      <p>A disabled account cannot sign in, and any session it has ends at once. Enabling it again restores its access.</p>
      <form method="get" action={paths.accounts} role="search" aria-label="Accounts">
        <div className="form-group">
          <label htmlFor="accounts-search">Find an account</label>
          <p className="hint" id="accounts-search-hint">
            Part of a name, email address or organisation
          </p>
          <div className={styles.inlineForm}>
            <input id="accounts-search" type="search" name="q" defaultValue={search} aria-describedby="accounts-search-hint" className="input--medium" spellCheck={false} />
            <button type="submit" className="button button--secondary">
              Search
            </button>
          </div>
        </div>
      </form>
      {search ? (
        <p>
          {plural(total, "account matches", "accounts match")} “{search}”. <Link href={paths.accounts}>Show every account</Link>
        </p>
      ) : null}
      {accounts.length === 0 ? (
        <p>{search ? "No account matches that search." : "There are no accounts to manage."}</p>
      ) : (
      <ScrollTable caption={caption(data)} dense>
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
      )}
      <Pagination page={page} pages={pages} href={(n) => pageHref(paths.accounts, { q: search || undefined }, n)} label="Pages of accounts" />
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
