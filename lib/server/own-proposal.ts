import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { calls, proposals } from "@/db/schema";
import type { Actor } from "./users";

/** The actor's own proposal with its call, or undefined for anyone else's (or none). */
export async function loadOwnedProposal(db: Pick<Db, "select">, actor: Actor, proposalId: number) {
  const [row] = await db
    .select({ proposal: proposals, call: calls })
    .from(proposals)
    .innerJoin(calls, eq(calls.id, proposals.callId))
    .where(and(eq(proposals.id, proposalId), eq(proposals.ownerId, actor.id)))
    .limit(1);
  return row;
}
