import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users, type Role } from "@/db/schema";
import { hashPassword } from "@/lib/crypto/password";

/** The signed-in person as the server sees them: never the password hash. */
export interface Actor {
  id: number;
  email: string;
  name: string;
  role: Role;
  organisation: string;
}

export function findUserByEmail(email: string) {
  return getDb().select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
}

export function findActorById(id: number): Actor | null {
  const row = getDb()
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, organisation: users.organisation })
    .from(users)
    .where(eq(users.id, id))
    .get();
  return row ?? null;
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
  const row = getDb()
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
    .returning({ id: users.id, email: users.email, name: users.name, role: users.role, organisation: users.organisation })
    .get();
  return row;
}
