import Link from "next/link";
import { paths } from "@/lib/paths";
import type { AgencyView } from "@/lib/server/manage/agencies-admin";
import { formatCount } from "./format";
import styles from "./manage.module.css";
import { ScrollTable } from "./ScrollTable";

/** The home agency and its partner agencies, with what a joint call means for each. */
export function AgenciesView({ agencies }: { agencies: AgencyView[] }) {
  return (
    <>
      <p className="muted">
        <Link href={paths.manage}>All calls</Link>
      </p>
      <h1>Agencies</h1>
      <p>
        A joint call is run with one partner agency. Each agency funds the partners in its own country from its own budget, in
        its own currency; its managers assign its own assessors and record its own decisions. A partner agency&apos;s staff see
        only its joint calls.
      </p>
      <p>
        <Link href={paths.newAgency} className="button">
          Add a partner agency
        </Link>
      </p>
      <ScrollTable caption="The home agency and its partner agencies">
        <thead>
          <tr>
            <th scope="col">Agency</th>
            <th scope="col">Country</th>
            <th scope="col">Currency</th>
            <th scope="col" className={styles.num}>
              Managers
            </th>
            <th scope="col" className={styles.num}>
              Assessors
            </th>
          </tr>
        </thead>
        <tbody>
          {agencies.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                {a.name}
                {a.kind === "home" ? <span className="muted"> (home agency)</span> : null}
              </th>
              <td>{a.countryName}</td>
              <td>
                {a.currencyName} ({a.currency})
              </td>
              <td className={styles.num}>{formatCount(a.managers)}</td>
              <td className={styles.num}>{formatCount(a.assessors)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </>
  );
}
