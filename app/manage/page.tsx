import type { Metadata } from "next";
import { ManagedCallsView } from "@/components/manage/ManagedCallsView";
import { paths } from "@/lib/paths";
import { may } from "@/lib/server/guard";
import { listManagedCalls } from "@/lib/server/manage/calls-admin";
import { foundOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Calls" };

export default async function ManagePage() {
  const actor = await requirePageActor("call:manage", paths.manage);
  const calls = foundOr404(await listManagedCalls(actor));
  return <ManagedCallsView calls={calls} mayConfigure={may(actor, "call:configure")} mayManageAgencies={may(actor, "agency:manage")} />;
}
