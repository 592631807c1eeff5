import "server-only";
import { timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { transaction } from "@/db/transaction";
import { calls, proposals } from "@/db/schema";

/**
 * The benchmark's "limit" for autosave (issue 12): a bare route handler doing the same SQLite
 * transaction as the draft save (read the proposal and its call, check the version, write the
 * answers), with none of the session, permission or validation work around it.
 *
 * It is inert unless the server was started with TANDEM_BENCH_SECRET (at least 32 characters,
 * set only by `npm run bench` on its own temporary database) AND the request carries that secret
 * in `x-tandem-bench-secret`: any other request gets the same 404 as an unknown path, so a
 * deployment never exposes it.
 */
export function benchHandlerEnabled(request: Request): boolean {
  const secret = process.env.TANDEM_BENCH_SECRET ?? "";
  const given = request.headers.get("x-tandem-bench-secret") ?? "";
  if (secret.length < 32 || given.length !== secret.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(secret));
}

export interface BareSave {
  proposalId: number;
  baseVersion: number;
  answers: Record<string, unknown>;
}

export function parseBareSave(raw: unknown): BareSave | null {
  if (typeof raw !== "object" || raw === null) return null;
  const { proposalId, baseVersion, answers } = raw as Record<string, unknown>;
  if (!Number.isInteger(proposalId) || !Number.isInteger(baseVersion) || typeof answers !== "object" || answers === null) return null;
  return { proposalId: proposalId as number, baseVersion: baseVersion as number, answers: answers as Record<string, unknown> };
}

/** The draft-save transaction alone: the new version, or null on a missing row or a stale version. */
export async function bareSaveDraft(input: BareSave, now = new Date()): Promise<number | null> {
  return transaction(async (tx) => {
    const [row] = await tx
      .select({ version: proposals.version, status: proposals.status, closesAt: calls.closesAt })
      .from(proposals)
      .innerJoin(calls, eq(calls.id, proposals.callId))
      .where(eq(proposals.id, input.proposalId));
    if (!row || row.status !== "draft" || row.closesAt.getTime() <= now.getTime() || row.version !== input.baseVersion) return null;
    const version = row.version + 1;
    await tx.update(proposals).set({ answers: input.answers, version, updatedAt: now }).where(eq(proposals.id, input.proposalId));
    return version;
  });
}
