import type { Metadata } from "next";
import Link from "next/link";
import { formatCount } from "@/components/manage/format";
import styles from "@/components/manage/manage.module.css";
import { ScrollTable } from "@/components/manage/ScrollTable";
import { paths } from "@/lib/paths";
import { listAgencies } from "@/lib/server/manage/agencies-admin";
import { foundOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Agencies" };

export default async function AgenciesPage() {
  const actor = await requirePageActor("agency:manage", paths.agencies);
  const agencies = foundOr404(await listAgencies(actor));
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
