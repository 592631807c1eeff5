import Link from "next/link";
import { countryName } from "@/lib/domain/report/countries";
import { findDomain } from "@/lib/domain/report/technology-domains";
import { paths } from "@/lib/paths";
import { issuePasswordLinkAction } from "@/lib/server/actions/manage-actions";
import type { StaffMember } from "@/lib/server/manage/people";
import { IssueLinkButton } from "./IssueLinkButton";
import styles from "./manage.module.css";
import { ScrollTable } from "./ScrollTable";

const STATE = {
  active: { label: "Active", tone: "tag--green" },
  "link-pending": { label: "Link not used yet", tone: "tag--blue" },
  "link-expired": { label: "Link expired", tone: "tag--red" },
} as const;

/** Assessors and managers in two tables, each account's state, and a new set-password link where one is unused. */
export function PeopleView({ staff }: { staff: StaffMember[] }) {
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
