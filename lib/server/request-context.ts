import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Per-request context, shared with Tandem's server (scripts/server.mjs), which starts each request
 * inside it with a request id. The app adds the signed-in user's id once it knows it, so every log
 * line of the request names both.
 */
export interface RequestContext {
  requestId: string;
  userId?: number;
}

const holder = globalThis as unknown as { __tandemRequestContext?: AsyncLocalStorage<RequestContext> };

export const requestContext: AsyncLocalStorage<RequestContext> = (holder.__tandemRequestContext ??=
  new AsyncLocalStorage<RequestContext>());

/** Remembers who is signed in for the rest of this request's log lines. */
export function noteRequestUser(userId: number): void {
  const store = requestContext.getStore();
  if (store) store.userId = userId;
}
