// pino options shared by Tandem's server (scripts/server.mjs, which creates the one logger of the
// process) and lib/server/log.ts (which reuses that logger, or makes its own outside the server).
// Plain JavaScript so the server script can import it without a build.

/**
 * Never log a password, a token or answer text: pass ids and codes. The redaction is a second line
 * of defence, not a licence.
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

/** @param {string | undefined} level */
export function loggerOptions(level) {
  return { level: level ?? "info", base: { app: "tandem" }, redact: { paths: REDACT_PATHS, censor: "[redacted]" } };
}
