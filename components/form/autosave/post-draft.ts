import type { ActionResult } from "@/lib/action-result";

/**
 * Sends one draft save to its JSON route (app/api/…/draft, `actionRoute` in lib/server/action.ts)
 * and answers with the action's own result. Anything that is not such a result (the connection
 * dropped, a proxy's error page, a server error) throws, which `useAutosave` treats like being
 * offline: the copy on this device is kept and the save is tried again.
 */
export async function postDraft<T>(url: string, input: object): Promise<ActionResult<T>> {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    cache: "no-store",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(input),
  });
  const result: unknown = (response.headers.get("content-type") ?? "").includes("application/json") ? await response.json() : null;
  if (typeof result !== "object" || result === null || typeof (result as { ok?: unknown }).ok !== "boolean") {
    throw new Error(`The draft save was answered with HTTP ${response.status}`);
  }
  return result as ActionResult<T>;
}
