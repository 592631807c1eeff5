import type { Metadata } from "next";
import Link from "next/link";
import { SignInForm } from "@/components/auth/SignInForm";
import { paths } from "@/lib/paths";
import { signInAction } from "@/lib/server/actions/auth-actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  return (
    <div className="layout-two-thirds">
      <div>
        <h1>Sign in</h1>
        {callbackUrl ? (
          <p className="notification">Sign in to continue. Anything you typed before is kept on this device and will be saved.</p>
        ) : null}
        <SignInForm action={signInAction} callbackUrl={callbackUrl} />
        <p>
          New to Tandem? <Link href={paths.register}>Create an account</Link> to apply for funding.
        </p>
      </div>
    </div>
  );
}
