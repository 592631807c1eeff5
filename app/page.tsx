import Link from "next/link";
import { redirect } from "next/navigation";
import { HOME_BY_ROLE } from "@/lib/domain/permissions";
import { paths } from "@/lib/paths";
import { currentActor } from "@/lib/server/session";

export default async function HomePage() {
  const actor = await currentActor();
  if (actor) redirect(HOME_BY_ROLE[actor.role]);
  return (
    <>
      <h1>Fund international collaboration in advanced manufacturing and materials</h1>
      <p className="lead">
        Tandem runs funding calls for UK-led research and innovation projects with international partners. Proposals
        answer the value-capture and win-win questions of the 2021 international benchmarking of advanced manufacturing
        and materials for Innovate UK.
      </p>
      <p>
        <Link href={paths.register} className="button">
          Create an account to apply
        </Link>
        <Link href={paths.signIn} className="button button--secondary">
          Sign in
        </Link>
      </p>
      <p>Assessors and portfolio managers have accounts made for them: sign in with the details you were given.</p>
    </>
  );
}
