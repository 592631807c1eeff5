import "server-only";
import type { z } from "zod";

/**
 * Autosave rules shared by proposals and assessments.
 *
 * Idempotent saves: the browser gives every save an id. A row remembers the id of the save that
 * wrote it (`lastSaveId`, cleared by any other write).
 * - A retry of a save that was already applied (same id) is acknowledged without writing again.
 * - A save whose response was lost leaves the browser on the old version. Its next save lists the
 *   lost ids as `unconfirmed`; when the row was last written by one of them, nobody else has
 *   written since, so this is the same editor carrying on, not a conflict.
 * - Anything else based on an old version is a genuinely different concurrent edit: a conflict.
 */
export type SaveBase =
  | { kind: "apply" }
  /** Already applied: answer with the stored version, write nothing. */
  | { kind: "already-applied" }
  | { kind: "conflict" };

export function saveBase(
  stored: { version: number; lastSaveId: string | null },
  input: { baseVersion: number; overwrite: boolean; saveId?: string; unconfirmed: string[] },
): SaveBase {
  if (input.saveId && stored.lastSaveId === input.saveId) return { kind: "already-applied" };
  if (stored.version === input.baseVersion || input.overwrite) return { kind: "apply" };
  if (stored.lastSaveId && input.unconfirmed.includes(stored.lastSaveId)) return { kind: "apply" };
  return { kind: "conflict" };
}

/**
 * Splits a draft that failed validation into what can be saved and what cannot. Each question is
 * checked on its own: an invalid answer is replaced by the stored one (or dropped), the rest is
 * kept. Returns null when the problem is not inside one question's answer (the draft's or a
 * section's shape), so nothing can be saved. Paths are the form's: "section.question[.row.column]".
 */
export function salvageAnswers<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  stored: Record<string, unknown>,
): { answers: z.output<S>; notSaved: Record<string, string> } | null {
  const first = schema.safeParse(raw);
  if (first.success) return { answers: first.data, notSaved: {} };
  if (!isRecord(raw)) return null;
  const notSaved: Record<string, string> = {};
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) copy[key] = isRecord(value) ? { ...value } : value;
  for (const issue of first.error.issues) {
    if (issue.path.length < 2) return null;
    const [section, question] = issue.path.map(String) as [string, string];
    const target = copy[section];
    if (!isRecord(target)) return null;
    const storedSection = stored[section];
    const previous = isRecord(storedSection) ? storedSection[question] : undefined;
    if (previous === undefined) delete target[question];
    else target[question] = previous;
    const key = issue.path.map(String).join(".");
    if (!(key in notSaved)) notSaved[key] = issue.message;
  }
  const second = schema.safeParse(copy);
  return second.success ? { answers: second.data, notSaved } : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
