import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users, type Role, type UserRow } from "@/db/schema";
import { transaction, type Tx } from "@/db/transaction";
import { hashPassword } from "@/lib/crypto/password";

/** The signed-in person as the server sees them: never the password hash. */
export interface Actor {
  id: number;
  email: string;
  name: string;
  role: Role;
  organisation: string;
}

const actorColumns = { id: users.id, email: users.email, name: users.name, role: users.role, organisation: users.organisation };

/** For signing in only (it carries the password hash). */
export async function findUserByEmail(email: string): Promise<UserRow | undefined> {
  const [row] = await getDb().select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  return row;
}

export async function findActorById(id: number): Promise<Actor | null> {
  const [row] = await getDb().select(actorColumns).from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

/** The account behind a session token, while the token is still honoured (see session.ts). */
export async function findSessionActor(claims: { uid: number; email: string; sessionVersion: number }): Promise<Actor | null> {
  const [row] = await getDb()
    .select({ ...actorColumns, sessionVersion: users.sessionVersion, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, claims.uid))
    .limit(1);
  if (!row || row.disabledAt || row.sessionVersion !== claims.sessionVersion || row.email !== claims.email) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role, organisation: row.organisation };
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
      })
      .returning(actorColumns);
    return row!;
  });
}
