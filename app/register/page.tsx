import type { Metadata } from "next";
import Link from "next/link";
import { RegisterForm } from "@/components/auth/RegisterForm";
import { paths } from "@/lib/paths";
import { registerAction } from "@/lib/server/actions/auth-actions";

export const metadata: Metadata = { title: "Create an account" };

export default function RegisterPage() {
  return (
    <div className="layout-two-thirds">
      <div>
        <h1>Create an account</h1>
        <p>Create an account to apply for funding as the UK lead of an international collaboration.</p>
        <RegisterForm action={registerAction} />
        <p>
          Already have an account? <Link href={paths.signIn}>Sign in</Link>.
        </p>
      </div>
    </div>
  );
}
