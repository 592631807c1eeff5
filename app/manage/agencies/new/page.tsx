import type { Metadata } from "next";
import Link from "next/link";
import { PartnerAgencyForm } from "@/components/manage/PartnerAgencyForm";
import { paths } from "@/lib/paths";
import { createPartnerAgencyAction } from "@/lib/server/actions/manage-actions";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Add a partner agency" };

export default async function NewAgencyPage() {
  await requirePageActor("agency:manage", paths.newAgency);
  return (
    <>
      <p className="muted">
        <Link href={paths.agencies}>Agencies</Link>
      </p>
      <h1>Add a partner agency</h1>
      <p>
        The partner agency gets its first manager at the same time. Their account is created without a password: you get a
        one-time link to send them, as for any assessor or manager; no email is sent.
      </p>
      <PartnerAgencyForm action={createPartnerAgencyAction} />
    </>
  );
}
