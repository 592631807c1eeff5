import Link from "next/link";
import type { Role } from "@/db/schema";
import { paths } from "@/lib/paths";
import { SignOutButton } from "./SignOutButton";

const NAV: Record<Role, { href: string; label: string }[]> = {
  bidder: [
    { href: paths.proposals, label: "Your proposals" },
    { href: paths.calls, label: "Funding calls" },
  ],
  assessor: [{ href: paths.assessments, label: "Your assessments" }],
  manager: [
    { href: paths.manage, label: "Calls" },
    { href: paths.people, label: "People" },
  ],
};

export function SiteHeader({
  user,
  signOut,
}: {
  user: { name: string; role: Role } | null;
  signOut: () => Promise<void>;
}) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href={paths.home} className="site-header__name">
          Tandem
        </Link>
        <nav aria-label="Main">
          <ul>
            {user ? (
              <>
                {NAV[user.role].map((item) => (
                  <li key={item.href}>
                    <Link href={item.href}>{item.label}</Link>
                  </li>
                ))}
                <li>
                  <span>
                    {user.name} <span className="visually-hidden">signed in as {user.role}</span>
                  </span>
                </li>
                <li>
                  <SignOutButton signOut={signOut} />
                </li>
              </>
            ) : (
              <>
                <li>
                  <Link href={paths.signIn}>Sign in</Link>
                </li>
                <li>
                  <Link href={paths.register}>Create an account</Link>
                </li>
              </>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}
