/**
 * Request-size limits, in bytes. Edge-safe (middleware imports it).
 *
 * SERVER_ACTION_BODY_LIMIT_BYTES must equal `experimental.serverActions.bodySizeLimit` in
 * next.config.js, and must be at least the largest draft that validation accepts, encoded as the
 * browser sends it: tests/unit/limits.test.ts checks both.
 */
export const SERVER_ACTION_BODY_LIMIT = "2mb";
export const SERVER_ACTION_BODY_LIMIT_BYTES = 2 * 1024 * 1024;
