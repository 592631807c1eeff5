import type { Metadata } from "next";
import Link from "next/link";
import { IssueLinkButton } from "@/components/manage/IssueLinkButton";
import styles from "@/components/manage/manage.module.css";
import { ScrollTable } from "@/components/manage/ScrollTable";
import { countryName } from "@/lib/domain/report/countries";
import { findDomain } from "@/lib/domain/report/technology-domains";
import { paths } from "@/lib/paths";
import { issuePasswordLinkAction } from "@/lib/server/actions/manage-actions";
import { foundOr404 } from "@/lib/server/pages";
import { listStaff } from "@/lib/server/manage/people";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Assessors and managers" };

const STATE = {
  active: { label: "Active", tone: "tag--green" },
  "link-pending": { label: "Link not used yet", tone: "tag--blue" },
  "link-expired": { label: "Link expired", tone: "tag--red" },
} as const;

export default async function PeoplePage() {
  const actor = await requirePageActor("user:manage", paths.people);
  const staff = foundOr404(await listStaff(actor));
  const groups = [
    { role: "assessor", title: "Assessors" },
    { role: "manager", title: "Portfolio managers" },
  ] as const;

  return (
    <>
      <h1>Assessors and managers</h1>
      <p>
        <Link href={paths.newPerson} className="button">
          Add a person
        </Link>
      </p>
      <p>
        <Link href={paths.accounts}>Disable or enable accounts</Link> (bidders, assessors and managers)
      </p>
      {groups.map((g) => {
        const people = staff.filter((s) => s.role === g.role);
        return (
          <section key={g.role} aria-labelledby={`people-${g.role}`}>
            <h2 id={`people-${g.role}`}>{g.title}</h2>
            {people.length === 0 ? (
              <p>None yet.</p>
            ) : (
              <ScrollTable caption={g.title} dense hiddenCaption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Organisation</th>
                    <th scope="col">Country</th>
                    {g.role === "assessor" ? <th scope="col">Expertise</th> : null}
                    <th scope="col">Account</th>
                  </tr>
                </thead>
                <tbody>
                  {people.map((p) => (
                    <tr key={p.id}>
                      <th scope="row">
                        {p.name}
                        <div className={styles.meta}>{p.email}</div>
                      </th>
                      <td>{p.organisation}</td>
                      <td>{p.country ? countryName(p.country) : ""}</td>
                      {g.role === "assessor" ? <td>{p.expertise.map((d) => findDomain(d)?.shortName ?? d).join(", ")}</td> : null}
                      <td>
                        <strong className={`tag ${STATE[p.state].tone}`}>{STATE[p.state].label}</strong>
                        {p.state !== "active" ? (
                          <div>
                            <IssueLinkButton userId={p.id} name={p.name} issue={issuePasswordLinkAction} />
                          </div>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
            )}
          </section>
        );
      })}
    </>
  );
}
