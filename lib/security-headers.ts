/**
 * Security headers (OWASP ASVS 4.0 §14.4). Edge-safe: used by middleware.ts.
 * The Content-Security-Policy follows the Next.js nonce pattern: scripts run only with this
 * request's nonce ('strict-dynamic' lets those scripts load Next.js's chunks), so no inline script
 * without the nonce runs. Styles come from the site's own stylesheets only.
 */
export const SIGNED_IN_AREAS = ["/proposals", "/assessments", "/manage"];

export function contentSecurityPolicy(nonce: string, https: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Browser features Tandem never uses, switched off for every page and response. */
export const PERMISSIONS_POLICY =
  "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), usb=(), browsing-topics=()";

/** Sent on every response served over HTTPS (scripts/server.mjs decides when that is). */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";
