import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import type { Permission } from "@/lib/domain/permissions";
import { roleMay } from "@/lib/domain/permissions";
import { paths } from "@/lib/paths";
import { auth } from "./auth";
import { findActorById, type Actor } from "./users";

/** The signed-in user, re-read from the database on every request (roles can change). */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isInteger(id) || id <= 0) return null;
  return findActorById(id);
});

/** For pages: signed-out visitors go to sign-in, the wrong role goes to "not allowed". */
export async function requirePageActor(permission: Permission, returnTo: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`${paths.signIn}?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!roleMay(actor.role, permission)) redirect(paths.notAllowed);
  return actor;
}
