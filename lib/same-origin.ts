/**
 * Cross-site request forgery protection for requests that change data outside Next's own server
 * actions: the request must come from a Tandem page. Edge-safe (middleware imports it).
 *
 * - `Origin` must be present and name the host the request was sent to (Next.js compares it with
 *   X-Forwarded-Host, which Tandem's server only keeps when the deployment trusts its proxy, or
 *   Host: the same rule as its server-action check);
 * - `Sec-Fetch-Site`, when the browser sends it, must be "same-origin".
 *
 * Returns why the request is refused, or null when it came from a Tandem page.
 */
export function foreignRequestReason(headers: Headers): string | null {
  const origin = headers.get("origin");
  if (!origin) return "This request did not come from a Tandem page.";
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return "This request did not come from a Tandem page.";
  }
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (!originHost || originHost !== host) return "This request came from another site.";
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin") return "This request came from another site.";
  return null;
}
