import pino from "pino";
import { requestContext } from "./request-context";

/**
 * Structured server logs: one JSON object per line on stdout (pino), each with the request id and
 * the signed-in user's id when there is one. Never log a password, a token or answer text: pass
 * ids and codes. The redaction below is a second line of defence, not a licence.
 */
export const REDACT_PATHS = [
  "password",
  "confirmPassword",
  "token",
  "answers",
  "values",
  "*.password",
  "*.confirmPassword",
  "*.token",
  "*.answers",
  "*.values",
  "req.headers.cookie",
  "req.headers.authorization",
];

const holder = globalThis as unknown as { __tandemLogger?: pino.Logger };

export const baseLogger: pino.Logger = (holder.__tandemLogger ??= pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { app: "tandem" },
  redact: { paths: REDACT_PATHS, censor: "[redacted]" },
}));

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
