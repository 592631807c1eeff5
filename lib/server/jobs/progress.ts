import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { calls } from "@/db/schema";
import type { ActionResult } from "@/lib/action-result";
import { agencyMaySeeCall } from "@/lib/domain/agencies";
import { parseRouteId } from "@/lib/route-id";
import { failure, FORBIDDEN_MESSAGE, UNAUTHENTICATED_MESSAGE } from "../action-error";
import { may } from "../guard";
import { CALL_NOT_FOUND } from "../manage/call-data";
import type { Actor } from "../users";
import { JOB_DEFINITIONS } from "./definitions";
import { jobView, type JobDefinition } from "./index";
import { isJobKind, type JobKind } from "./registry";

/** What the progress route answers (and JobProgress polls): no result, only the state. */
export interface JobProgressState {
  state: "fresh" | "running" | "failed" | "idle";
  progress: number;
  message: string;
}

/**
 * The progress of a call's job, for anyone the job's definition lets see it. A route handler's
 * answer, so refusals keep their code (401, 403, 404); data null means no such computation.
 */
export async function jobProgress(
  actor: Actor | null,
  raw: { callId: string; kind: string; key?: string | null },
): Promise<ActionResult<JobProgressState | null>> {
  const kind = isJobKind(raw.kind) ? raw.kind : null;
  const definition = kind ? (JOB_DEFINITIONS[kind] as JobDefinition<JobKind> | undefined) : undefined;
  // An unknown kind still needs a signed-in manager-level permission before saying "not found".
  if (!actor) return failure("unauthenticated", UNAUTHENTICATED_MESSAGE);
  if (!may(actor, definition?.permission ?? "ranking:read")) return failure("forbidden", FORBIDDEN_MESSAGE);
  const callId = parseRouteId(raw.callId);
  const key = raw.key ?? "";
  if (callId === null || key.length > 200) return failure("not_found", CALL_NOT_FOUND);
  if (!definition) return { ok: true, data: null };
  // A call the actor's agency takes no part in does not exist for them (lib/domain/agencies.ts).
  const [call] = await getDb().select().from(calls).where(eq(calls.id, callId)).limit(1);
  if (!call || !actor.agency || !agencyMaySeeCall(actor.agency, call)) return failure("not_found", CALL_NOT_FOUND);
  const view = await jobView(definition, callId, key);
  const data: JobProgressState = view.running?.current
    ? { state: "running", progress: view.running.progress, message: view.running.message }
    : view.fresh
      ? { state: "fresh", progress: 1, message: "Done" }
      : view.failure
        ? { state: "failed", progress: 0, message: view.failure.message }
        : { state: "idle", progress: 0, message: "" };
  return { ok: true, data };
}
