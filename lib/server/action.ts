import "server-only";
import type { z } from "zod";
import type { ActionFailure, ActionFailureCode, ActionResult } from "@/lib/action-result";
import { roleMay, type Permission } from "@/lib/domain/permissions";
import type { Actor } from "./users";

/** A refusal the user should read (not found, closed, conflict...). Thrown by data-layer code. */
export class ActionError extends Error {
  constructor(
    readonly code: ActionFailureCode,
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = "ActionError";
  }
}

/**
 * Turns zod issues into messages keyed by dotted field path (first message per field).
 * `within` drops a wrapper key, so errors in `{ proposalId, answers: {...} }` are keyed by the
 * form's own field paths ("project.title", not "answers.project.title").
 */
export function fieldErrorsFrom(error: z.ZodError, within?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = within && issue.path[0] === within ? issue.path.slice(1) : issue.path;
    const key = path.map(String).join(".") || "_form";
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

export function failure(code: ActionFailureCode, message: string, fieldErrors?: Record<string, string>): ActionFailure {
  return fieldErrors ? { ok: false, code, message, fieldErrors } : { ok: false, code, message };
}

/**
 * Every server action goes through here: session, then permission, then zod, then the handler.
 * The handler does the record-level checks (ownership, assignment) and throws ActionError to refuse.
 */
export async function runAction<S extends z.ZodType, T>(
  actor: Actor | null,
  permission: Permission,
  schema: S,
  raw: unknown,
  handler: (input: z.output<S>, actor: Actor) => T | Promise<T>,
  options: { fieldsWithin?: string } = {},
): Promise<ActionResult<T>> {
  if (!actor) return failure("unauthenticated", "Your session has expired. Sign in again to continue.");
  if (!roleMay(actor.role, permission)) return failure("forbidden", "You are not allowed to do that.");
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return failure("invalid", "There is a problem with what you entered.", fieldErrorsFrom(parsed.error, options.fieldsWithin));
  }
  try {
    return { ok: true, data: await handler(parsed.data, actor) };
  } catch (error) {
    if (error instanceof ActionError) return failure(error.code, error.message, error.fieldErrors);
    console.error(`[action] ${permission} failed for user ${actor.id}`, error);
    return failure("error", "Something went wrong and nothing was changed. Try again in a moment.");
  }
}
