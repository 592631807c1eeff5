// What Tandem's server (scripts/server.mjs) trusts in a request, as pure functions of the
// deployment's settings, so they can be tested without a server.

/**
 * @param {Record<string, string | undefined>} env
 * @returns {{ trustForwardedHost: boolean; trustProxy: boolean; httpsUrl: boolean }}
 */
export function requestPolicy(env) {
  return {
    // Auth.js builds redirects from X-Forwarded-Host: keep it only when the deployment says a proxy sets it.
    trustForwardedHost: env.AUTH_TRUST_HOST === "true" || Boolean(env.AUTH_URL),
    // X-Forwarded-For decides the address throttling counts against: only from a known proxy.
    trustProxy: env.TRUST_PROXY === "true",
    httpsUrl: Boolean(env.AUTH_URL?.startsWith("https://")),
  };
}

/**
 * Rewrites the request's headers in place: the client's address in `x-tandem-client-ip` (any copy
 * the client sent is replaced), and forwarded headers the deployment does not trust removed.
 * @param {Record<string, string | string[] | undefined>} headers
 * @param {string | undefined} socketAddress
 * @param {ReturnType<typeof requestPolicy>} policy
 */
export function sanitiseHeaders(headers, socketAddress, policy) {
  let address = socketAddress ?? "unknown";
  if (policy.trustProxy) {
    const forwarded = String(headers["x-forwarded-for"] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    // The nearest proxy appends the address it saw: the last entry is the one it vouches for.
    if (forwarded.length > 0) address = forwarded[forwarded.length - 1];
  }
  headers["x-tandem-client-ip"] = address;
  if (!policy.trustForwardedHost) {
    delete headers["x-forwarded-host"];
    delete headers["x-forwarded-proto"];
    delete headers["x-forwarded-port"];
  }
  if (!policy.trustProxy) delete headers["x-forwarded-for"];
  return headers;
}

/**
 * HTTPS is known from AUTH_URL, or from a trusted proxy's X-Forwarded-Proto (after sanitiseHeaders).
 * @param {Record<string, string | string[] | undefined>} headers
 * @param {ReturnType<typeof requestPolicy>} policy
 */
export function servedOverHttps(headers, policy) {
  if (policy.httpsUrl) return true;
  return policy.trustForwardedHost && String(headers["x-forwarded-proto"] ?? "").split(",")[0].trim() === "https";
}

/**
 * The path to log: set-password links carry their token in the path, so it is cut off, as is the
 * query string.
 * @param {string | undefined} url
 */
export function loggablePath(url) {
  const pathname = (url ?? "/").split("?")[0];
  return pathname.startsWith("/set-password/") ? "/set-password/[token]" : pathname;
}
