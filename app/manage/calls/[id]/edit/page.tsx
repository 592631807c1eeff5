import type { Metadata } from "next";
import { CallForm } from "@/components/manage/CallForm";
import { CallHeader } from "@/components/manage/CallHeader";
import { paths } from "@/lib/paths";
import { updateCallAction } from "@/lib/server/actions/manage-actions";
import { foundOr404, routeIdOr404 } from "@/lib/server/pages";
import { listPartnerAgencies } from "@/lib/server/manage/agencies-admin";
import { getCallForm } from "@/lib/server/manage/calls-admin";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Call settings" };

export default async function EditCallPage({ params }: { params: Promise<{ id: string }> }) {
  const id = routeIdOr404((await params).id);
  const actor = await requirePageActor("call:configure", paths.editCall(id));
  const [form, partners] = await Promise.all([getCallForm(actor, id).then(foundOr404), listPartnerAgencies(actor)]);
  return (
    <>
      <CallHeader call={form.call} current="edit" title="Call settings" />
      <CallForm
        mode="edit"
        callId={form.callId}
        action={updateCallAction}
        criteria={form.criteria}
        defaultValues={form.values}
        scoringStarted={form.scoringStarted}
        partnerAgencies={partners ?? []}
        partnerLocked={form.partnerLocked}
      />
    </>
  );
}
