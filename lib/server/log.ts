import pino from "pino";
import { loggerOptions } from "../log-options.mjs";
import { requestContext } from "./request-context";

/**
 * Structured server logs: one JSON object per line on stdout (pino), each with the request id and
 * the signed-in user's id when there is one. Never log a password, a token or answer text: pass
 * ids and codes. In production the logger is the server's (scripts/server.mjs), made with the same
 * options and redaction (lib/log-options.mjs).
 */
const holder = globalThis as unknown as { __tandemLogger?: pino.Logger };

export const baseLogger: pino.Logger = (holder.__tandemLogger ??= pino(
  loggerOptions(process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info")),
));

/** The logger for the current request (request id and user id attached when known). */
export function log(): pino.Logger {
  const ctx = requestContext.getStore();
  if (!ctx) return baseLogger;
  return baseLogger.child(ctx.userId === undefined ? { reqId: ctx.requestId } : { reqId: ctx.requestId, userId: ctx.userId });
}

/** An error as a log field: its name, message and stack, never the data it was thrown with. */
export function errorField(error: unknown): { name: string; message: string; stack?: string } {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: typeof error, message: "non-Error thrown" };
}
