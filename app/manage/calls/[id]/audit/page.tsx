import type { Metadata } from "next";
import { AuditLogView } from "@/components/manage/AuditLogView";
import { paths } from "@/lib/paths";
import { getCallAuditLog } from "@/lib/server/manage/audit-log";
import { foundOr404, routeIdOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ action?: string | string[] }>;
}) {
  const [{ id: rawId }, { action }] = await Promise.all([params, searchParams]);
  const id = routeIdOr404(rawId);
  const actor = await requirePageActor("audit:read", paths.callAudit(id));
  return <AuditLogView log={foundOr404(await getCallAuditLog(actor, id, typeof action === "string" ? action : undefined))} />;
}
