import { paths } from "@/lib/paths";
import { requirePageActor } from "@/lib/server/session";

export default async function AssessmentsPage() {
  await requirePageActor("assessment:score", paths.assessments);
  return <h1>Your assessments</h1>;
}
