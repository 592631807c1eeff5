import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { agencies, users, type Role, type UserRow } from "@/db/schema";
import { transaction, type Tx } from "@/db/transaction";
import { hashPassword } from "@/lib/crypto/password";
import type { AgencyKind } from "@/lib/domain/agencies";
import { homeAgencyIdSql } from "./agencies";

/** The signed-in person as the server sees them: never the password hash. */
export interface Actor {
  id: number;
  email: string;
  name: string;
  role: Role;
  organisation: string;
  /** Staff only: the agency they work for (bidders belong to none). */
  agency: { id: number; kind: AgencyKind } | null;
}

const actorColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  organisation: users.organisation,
  agencyId: agencies.id,
  agencyKind: agencies.kind,
};

function toActor(row: { id: number; email: string; name: string; role: Role; organisation: string; agencyId: number | null; agencyKind: AgencyKind | null }): Actor {
  const { agencyId, agencyKind, ...rest } = row;
  return { ...rest, agency: agencyId !== null && agencyKind !== null ? { id: agencyId, kind: agencyKind } : null };
}

/** For signing in only (it carries the password hash). */
export async function findUserByEmail(email: string): Promise<UserRow | undefined> {
  const [row] = await getDb().select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  return row;
}

export async function findActorById(id: number): Promise<Actor | null> {
  const [row] = await getDb().select(actorColumns).from(users).leftJoin(agencies, eq(agencies.id, users.agencyId)).where(eq(users.id, id)).limit(1);
  return row ? toActor(row) : null;
}

/** The account behind a session token, while the token is still honoured (see session.ts). */
export async function findSessionActor(claims: { uid: number; email: string; sessionVersion: number }): Promise<Actor | null> {
  const [row] = await getDb()
    .select({ ...actorColumns, sessionVersion: users.sessionVersion, disabledAt: users.disabledAt })
    .from(users)
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .where(eq(users.id, claims.uid))
    .limit(1);
  if (!row || row.disabledAt || row.sessionVersion !== claims.sessionVersion || row.email !== claims.email) return null;
  const { sessionVersion: _version, disabledAt: _disabled, ...actor } = row;
  return toActor(actor);
}

/** "Sign out everywhere": every session of this account ends, this one included. */
export async function endAllSessions(actor: Actor): Promise<{ ended: true }> {
  await transaction((tx) => bumpSessionVersion(tx, actor.id));
  return { ended: true };
}

/** Ends every session of the account (sign-out, password change, disabling). */
export async function bumpSessionVersion(tx: Pick<Tx, "update">, userId: number): Promise<void> {
  await tx
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

export async function createUser(input: {
  email: string;
  name: string;
  password: string;
  role: Role;
  organisation?: string;
  country?: string;
  expertise?: string[];
  /** Staff only; a staff account without one joins the home agency. */
  agencyId?: number;
}): Promise<Actor> {
  const passwordHash = await hashPassword(input.password);
  return transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({
        email: input.email.trim().toLowerCase(),
        name: input.name,
        passwordHash,
        role: input.role,
        organisation: input.organisation ?? "",
        country: input.country ?? "",
        expertise: input.expertise ?? [],
        agencyId: input.role === "bidder" ? null : (input.agencyId ?? homeAgencyIdSql),
      })
      .returning({ id: users.id });
    const [actor] = await tx.select(actorColumns).from(users).leftJoin(agencies, eq(agencies.id, users.agencyId)).where(eq(users.id, row!.id)).limit(1);
    return toActor(actor!);
  });
}
