import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { actorMay, type Permission } from "@/lib/domain/permissions";
import { ActionError, failure, fieldErrorsFrom, FORBIDDEN_MESSAGE, INVALID_MESSAGE, UNAUTHENTICATED_MESSAGE } from "./action-error";
import { errorField, log } from "./log";
import { currentActor } from "./session";
import type { Actor } from "./users";

const UNEXPECTED_MESSAGE = "Something went wrong and nothing was changed. Try again in a moment.";

/** A revalidation after a successful action: a path, optionally its whole layout subtree. */
export type Revalidation = string | { path: string; type: "layout" | "page" };

/** Everything one server action is: see `serverAction`. */
export interface ActionDefinition<S extends z.ZodType, T> {
  /** A name for logs ("proposal.submit"). */
  name: string;
  /** Checked against the permission table (lib/domain/permissions.ts) before anything else. */
  permission: Permission;
  /** The same zod schema the form uses; the input is parsed before `run` sees it. */
  schema: S;
  /** Field errors of `{ id, answers: {...} }` keyed by the form's own paths (drops "answers."). */
  fieldsWithin?: string;
  /** The data-layer call. It does the record-level checks and throws ActionError to refuse. */
  run: (input: z.output<S>, actor: Actor, now: Date) => Promise<T>;
  /** What to revalidate after success (lib/paths.ts). */
  revalidate?: readonly Revalidation[];
  /** Where to go after success; `redirect()` runs after the result is known, outside any try/catch. */
  redirectTo?: (data: T) => string;
}

export type ServerAction<T> = (raw: unknown) => Promise<ActionResult<T>>;

/**
 * The core of every action, without the request: permission → zod → data layer → typed result.
 * Tests reach it through `invokerOf(action)` with an actor and a clock of their choosing.
 */
export async function performAction<S extends z.ZodType, T>(
  definition: ActionDefinition<S, T>,
  actor: Actor | null,
  raw: unknown,
  now: Date = new Date(),
): Promise<ActionResult<T>> {
  if (!actor) return failure("unauthenticated", UNAUTHENTICATED_MESSAGE);
  if (!actorMay(actor, definition.permission)) return failure("forbidden", FORBIDDEN_MESSAGE);
  return parseAndRun(definition, raw, (input) => definition.run(input, actor, now), `user ${actor.id} (${actor.role})`);
}

/**
 * zod parse, then the data layer. A refusal (ActionError) becomes its typed failure; anything
 * else is unexpected: logged on the server with context, answered with a plain message, never
 * with e.message.
 */
async function parseAndRun<S extends z.ZodType, T>(
  definition: { name: string; schema: S; fieldsWithin?: string },
  raw: unknown,
  run: (input: z.output<S>) => Promise<T>,
  who: string,
): Promise<ActionResult<T>> {
  const parsed = definition.schema.safeParse(raw);
  if (!parsed.success) return failure("invalid", INVALID_MESSAGE, fieldErrorsFrom(parsed.error, definition.fieldsWithin));
  try {
    return { ok: true, data: await run(parsed.data) };
  } catch (error) {
    if (error instanceof ActionError) return failure(error.code, error.message, error.fieldErrors);
    log().error({ action: definition.name, who, err: errorField(error) }, "action failed");
    return failure("error", UNEXPECTED_MESSAGE);
  }
}

/** Runs an action's steps after the session: with the actor and clock a test chooses. */
export type ActionInvoker<T> = (actor: Actor | null, raw: unknown, now?: Date) => Promise<ActionResult<T>>;

const invokers = new WeakMap<ServerAction<unknown>, ActionInvoker<unknown>>();

/**
 * THE action wrapper. Each export of a "use server" file in lib/server/actions/ is one of these:
 * session → permission table → zod parse → data-layer call → revalidate → typed
 * `{ ok: true, data } | { ok: false, code, message, fieldErrors }`, then `redirect()` on success
 * when asked (outside try/catch, since redirect works by throwing).
 */
export function serverAction<S extends z.ZodType, T>(definition: ActionDefinition<S, T>): ServerAction<T> {
  const action: ServerAction<T> = async (raw) => {
    const result = await performAction(definition, await currentActor(), raw);
    if (!result.ok) return result;
    for (const target of definition.revalidate ?? []) {
      if (typeof target === "string") revalidatePath(target);
      else revalidatePath(target.path, target.type);
    }
    if (definition.redirectTo) redirect(definition.redirectTo(result.data));
    return result;
  };
  invokers.set(action as ServerAction<unknown>, (actor, raw, now) => performAction(definition, actor, raw, now));
  return action;
}

/**
 * An action's steps after the session (permission → zod → data layer → typed result), for tests:
 * they choose the actor and the clock. Revalidation and redirect are left out.
 */
export function invokerOf<T>(action: ServerAction<T>): ActionInvoker<T> {
  const invoker = invokers.get(action as ServerAction<unknown>);
  if (!invoker) throw new Error("Not an action made by serverAction() or publicAction()");
  return invoker as ActionInvoker<T>;
}

/** An action that needs no session (the set-password link: its one-time token is the credential). */
export interface PublicActionDefinition<S extends z.ZodType, T> {
  name: string;
  schema: S;
  fieldsWithin?: string;
  run: (input: z.output<S>, now: Date) => Promise<T>;
}

/** Like serverAction, without the session and permission steps. Use only where a token authenticates. */
export function publicAction<S extends z.ZodType, T>(definition: PublicActionDefinition<S, T>): ServerAction<T> {
  const perform = (raw: unknown, now: Date = new Date()) => parseAndRun(definition, raw, (input) => definition.run(input, now), "a visitor");
  const action: ServerAction<T> = (raw) => perform(raw);
  invokers.set(action as ServerAction<unknown>, (_actor, raw, now) => perform(raw, now));
  return action;
}
