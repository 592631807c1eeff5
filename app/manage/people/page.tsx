import type { Metadata } from "next";
import { PeopleView } from "@/components/manage/PeopleView";
import { paths } from "@/lib/paths";
import { listStaff } from "@/lib/server/manage/people";
import { foundOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Assessors and managers" };

export default async function PeoplePage() {
  const actor = await requirePageActor("user:manage", paths.people);
  return <PeopleView staff={foundOr404(await listStaff(actor))} />;
}
