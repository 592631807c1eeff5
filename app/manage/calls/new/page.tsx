import type { Metadata } from "next";
import Link from "next/link";
import { CallForm } from "@/components/manage/CallForm";
import { paths } from "@/lib/paths";
import { createCallAction } from "@/lib/server/actions/manage-actions";
import { listPartnerAgencies } from "@/lib/server/manage/agencies-admin";
import { newCallForm } from "@/lib/server/manage/calls-admin";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Create a call" };

export default async function NewCallPage() {
  const actor = await requirePageActor("call:configure", paths.newCall);
  const form = newCallForm();
  const partners = (await listPartnerAgencies(actor)) ?? [];
  return (
    <>
      <p className="muted">
        <Link href={paths.manage}>All calls</Link>
      </p>
      <h1>Create a call</h1>
      <CallForm
        mode="create"
        action={createCallAction}
        criteria={form.criteria}
        defaultValues={form.values}
        scoringStarted={false}
        partnerAgencies={partners}
      />
    </>
  );
}
