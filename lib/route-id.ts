/**
 * The one parser for numeric ids in URLs (`/proposals/[id]`, `/manage/calls/[id]`...).
 * Strict decimal: "1e1", "0x10", "+1", "-1", "01", " 1", "1.0" and ids beyond
 * Number.MAX_SAFE_INTEGER are not ids (so `/proposals/1e1` never opens proposal 10).
 * Returns null for anything else; pages then call notFound() (see routeIdOr404).
 */
export function parseRouteId(raw: string): number | null {
  if (!/^[1-9][0-9]{0,15}$/u.test(raw)) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : null;
}
