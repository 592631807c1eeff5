import type { Metadata } from "next";
import Link from "next/link";
import { SetPasswordForm } from "@/components/manage/SetPasswordForm";
import { paths } from "@/lib/paths";
import { setPasswordAction } from "@/lib/server/actions/manage-actions";
import { passwordLinkState } from "@/lib/server/manage/people";

export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

const PROBLEM = {
  invalid: { title: "This link is not valid", text: "Check that you copied the whole link, or ask your portfolio manager for a new one." },
  used: { title: "This link has already been used", text: "Sign in with the password you set, or ask your portfolio manager for a new link." },
  expired: { title: "This link has expired", text: "Links work for 7 days. Ask your portfolio manager for a new one." },
} as const;

/** Public: the one-time token in the address is the only credential, and it is checked on the server. */
export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await passwordLinkState(token);
  if (link.state !== "valid") {
    const p = PROBLEM[link.state];
    return (
      <>
        <h1>{p.title}</h1>
        <p>{p.text}</p>
        <p>
          <Link href={paths.signIn}>Go to sign in</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Set your password</h1>
      <p>
        Welcome to Tandem, {link.name}. Choose a password for {link.email}.
      </p>
      <SetPasswordForm token={token} email={link.email} action={setPasswordAction} />
    </>
  );
}
