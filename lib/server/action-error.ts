import "server-only";
import type { z } from "zod";
import type { ActionFailure, ActionFailureCode } from "@/lib/action-result";

/**
 * A refusal the user should read (not found, closed, conflict...). Thrown by data-layer code for
 * record-level checks; the action wrapper turns it into `{ ok: false, code, message }`.
 */
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

export const INVALID_MESSAGE = "There is a problem with what you entered.";
export const UNAUTHENTICATED_MESSAGE = "Your session has expired. Sign in again to continue.";
export const FORBIDDEN_MESSAGE = "You are not allowed to do that.";
