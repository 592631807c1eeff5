/**
 * Request-size limits, in bytes. Edge-safe (middleware imports it).
 *
 * Two limits, because a server action arrives in one of two shapes:
 * - an action call from script (text/plain: its arguments as JSON) and a draft autosave (JSON to
 *   its route, `actionRoute` in lib/server/action.ts) may carry at most
 *   ACTION_CALL_BODY_LIMIT_BYTES, which must be at least the largest draft that validation
 *   accepts, encoded as the browser sends it;
 * - a form post (multipart/form-data) may carry an appendix upload, so it may be as large as the
 *   largest file a slot allows (LARGEST_MAX_BYTES in lib/domain/appendices.ts) plus the form's
 *   own fields and boundaries.
 * SERVER_ACTION_BODY_LIMIT (the larger) must equal `experimental.serverActions.bodySizeLimit` in
 * next.config.js. tests/unit/limits.test.ts checks all three.
 */
export const SERVER_ACTION_BODY_LIMIT = "21mb";
export const SERVER_ACTION_BODY_LIMIT_BYTES = 21 * 1024 * 1024;
export const ACTION_CALL_BODY_LIMIT_BYTES = 2 * 1024 * 1024;
