import "server-only";
import { z } from "zod";
import { callRefInput } from "@/lib/validation/manage";
import { runAction } from "../action";
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

const input = callRefInput.extend({ kind: z.string(), key: z.string().max(200).default("") });

/** The progress of a call's job, for anyone the job's definition lets see it. */
export async function jobProgress(actor: Actor | null, raw: { callId: string; kind: string; key?: string | null }) {
  const kind = isJobKind(raw.kind) ? raw.kind : null;
  const definition = kind ? (JOB_DEFINITIONS[kind] as JobDefinition<JobKind> | undefined) : undefined;
  // An unknown kind still needs a signed-in manager-level permission before saying "not found".
  return runAction(actor, definition?.permission ?? "ranking:read", input, { ...raw, key: raw.key ?? undefined }, async ({ callId, key }): Promise<JobProgressState | null> => {
    if (!definition) return null;
    const view = await jobView(definition, callId, key);
    if (view.running?.current) return { state: "running", progress: view.running.progress, message: view.running.message };
    if (view.fresh) return { state: "fresh", progress: 1, message: "Done" };
    if (view.failure) return { state: "failed", progress: 0, message: view.failure.message };
    return { state: "idle", progress: 0, message: "" };
  });
}
