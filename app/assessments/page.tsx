import type { Metadata } from "next";
import { MyAssessments } from "@/components/assessment/MyAssessments";
import { paths } from "@/lib/paths";
import { listMyAssignments } from "@/lib/server/assessments";
import { listMyInvitations } from "@/lib/server/invitations";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Your assessments" };

export default async function AssessmentsPage({ searchParams }: { searchParams: Promise<{ declared?: string; answered?: string }> }) {
  const [actor, { declared, answered }] = await Promise.all([requirePageActor("assessment:score", paths.assessments), searchParams]);
  const [assignments, invitations] = await Promise.all([listMyAssignments(actor), listMyInvitations(actor)]);
  return <MyAssessments assignments={assignments ?? []} invitations={invitations ?? []} declared={declared} answered={answered} />;
}
