import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import type { ActionFailure, ActionResult } from "@/lib/action-result";
import { actorMay, type Permission } from "@/lib/domain/permissions";
import { ACTION_CALL_BODY_LIMIT_BYTES } from "@/lib/limits";
import { parseRouteId } from "@/lib/route-id";
import { foreignRequestReason } from "@/lib/same-origin";
import { ActionError, failure, fieldErrorsFrom, FORBIDDEN_MESSAGE, INVALID_MESSAGE, UNAUTHENTICATED_MESSAGE } from "./action-error";
import { errorField, log } from "./log";
import { currentActor, sessionActor } from "./session";
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
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry keeps its own schema type
const definitions = new WeakMap<ServerAction<unknown>, ActionDefinition<any, any>>();

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
  definitions.set(action as ServerAction<unknown>, definition);
  return action;
}

/** What a route handler made by `actionRoute` is given (Next.js 15: the route's params as a promise). */
export interface RouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * The same action served as a plain JSON route handler (POST, `application/json`, answered with its
 * `ActionResult` as JSON), for the one call that runs many times a minute per user: the draft
 * autosaves (app/api/proposals/[id]/draft, app/api/assessments/[id]/draft). Measured (issue 12):
 * as a server action an autosave also ran middleware in the edge sandbox (with a copy of the body),
 * decoded React's reply format and streamed a Flight response, about 60 % more server time than
 * the bare transaction; as a route handler it skips all three (middleware never runs before /api).
 *
 * The steps are the action's own (`performAction`: session → permission → zod → data layer), so a
 * test of the action is a test of the route. Around them it does what Next.js and middleware do for
 * a server action: refuses a request that did not come from a Tandem page (403: Origin and
 * Sec-Fetch-Site, lib/same-origin.ts), a body that is not JSON (415) or is larger than an action
 * call may be (413), and malformed JSON (400). The route's `[id]` fills the input field `idField`
 * (the URL's id wins over one in the body); an id that is not an id is not found (404).
 * Actions that revalidate or redirect are not served this way.
 */
export function actionRoute<T>(action: ServerAction<T>, { idField }: { idField: string }) {
  const definition = definitions.get(action as ServerAction<unknown>);
  if (!definition) throw new Error("Not an action made by serverAction()");
  if (definition.revalidate?.length || definition.redirectTo) throw new Error(`${definition.name} revalidates or redirects: keep it a server action`);
  return async (request: NextRequest, context: RouteContext): Promise<Response> => {
    const foreign = foreignRequestReason(request.headers);
    if (foreign) return json(failure("forbidden", foreign), 403);
    const param = (await context.params).id;
    const id = typeof param === "string" ? parseRouteId(param) : null;
    if (id === null) return json(failure("not_found", "We could not find that."), 404);
    if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
      return json(failure("invalid", "This request's body is not JSON."), 415);
    }
    const body = await readWithin(request, ACTION_CALL_BODY_LIMIT_BYTES);
    if (body === null) return json(failure("invalid", "This request is too large."), 413);
    let raw: unknown;
    try {
      raw = JSON.parse(body);
    } catch {
      return json(failure("invalid", "This request's body is malformed."), 400);
    }
    const input = typeof raw === "object" && raw !== null && !Array.isArray(raw) ? { ...raw, [idField]: id } : raw;
    return json(await performAction(definition, await sessionActor(request.cookies), input));
  };
}

function json(result: ActionResult<unknown> | ActionFailure, status = 200): Response {
  return Response.json(result, { status, headers: { "Cache-Control": "no-store" } });
}

/** The body as text, or null once it is longer than `limit` bytes (stops reading there). */
async function readWithin(request: NextRequest, limit: number): Promise<string | null> {
  if (Number(request.headers.get("content-length") ?? "0") > limit) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
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
