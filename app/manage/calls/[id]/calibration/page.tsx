import type { Metadata } from "next";
import { CalibrationView, JointCalibrationView } from "@/components/calibration/CalibrationView";
import { paths } from "@/lib/paths";
import { parseRouteId } from "@/lib/route-id";
import { getCallCalibration, getJointCalibration } from "@/lib/server/manage/calibration";
import { foundOr404, routeIdOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "How sure is this ranking?" };

/** A call's calibration; `?view=joint` on a joint call is the joint ranking's (every assessor). */
export default async function CalibrationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ view?: string; page?: string }> }) {
  const [{ id: rawId }, { view, page: rawPage }] = await Promise.all([params, searchParams]);
  const id = routeIdOr404(rawId);
  const page = parseRouteId(typeof rawPage === "string" ? rawPage : "") ?? 1;
  if (view === "joint") {
    const actor = await requirePageActor("ranking:read", paths.callJointCalibration(id));
    return <JointCalibrationView view={foundOr404(await getJointCalibration(actor, id))} page={page} />;
  }
  const actor = await requirePageActor("ranking:read", paths.callCalibration(id));
  return <CalibrationView view={foundOr404(await getCallCalibration(actor, id))} page={page} />;
}
