import type { Metadata } from "next";
import { AgenciesView } from "@/components/manage/AgenciesView";
import { paths } from "@/lib/paths";
import { listAgencies } from "@/lib/server/manage/agencies-admin";
import { foundOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Agencies" };

export default async function AgenciesPage() {
  const actor = await requirePageActor("agency:manage", paths.agencies);
  return <AgenciesView agencies={foundOr404(await listAgencies(actor))} />;
}
