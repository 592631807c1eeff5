import "server-only";
import { actorMay, type Permission } from "@/lib/domain/permissions";
import { ActionError } from "./action-error";
import type { Actor } from "./users";

/**
 * The one guard for reads. A read gets the actor and returns a DTO shaped for its page, or null
 * when this actor may not see it: no session, a role without the permission, or no such record
 * (the read's own record-level checks may throw ActionError("not_found"), which also means null).
 * Pages call notFound() on null; route handlers answer 404. Unexpected errors propagate to the
 * error page (they are not "not found").
 */
export function guardedRead<A extends unknown[], T>(
  permission: Permission,
  read: (actor: Actor, ...args: A) => Promise<T | null>,
): (actor: Actor | null, ...args: A) => Promise<T | null> {
  return async (actor, ...args) => {
    if (!actor || !actorMay(actor, permission)) return null;
    try {
      return await read(actor, ...args);
    } catch (error) {
      if (error instanceof ActionError && error.code === "not_found") return null;
      throw error;
    }
  };
}

/** For code that needs the yes/no of the permission table without reading anything. */
export function may(actor: Actor | null, permission: Permission): actor is Actor {
  return actor !== null && actorMay(actor, permission);
}
