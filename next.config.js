// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets several builds live side by side (parallel browser-test runs); `.next` by default.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // better-sqlite3 is a native addon and highs loads highs.wasm from beside its own loader: load
  // both from node_modules at run time, never bundle them.
  serverExternalPackages: ["better-sqlite3", "highs"],
  poweredByHeader: false,
  // Every page's <title> is rendered with the page, never streamed after it. Streamed metadata
  // (Next's default for browsers) puts the title in a Suspense boundary that a client navigation
  // or router.refresh() mounts afresh under a new key, so document.title is briefly empty until it
  // resolves; axe caught that as document-title on the ranking page. Matching every user agent
  // turns streaming metadata off (the titles are static, so nothing waits on it).
  htmlLimitedBots: /.*/,
  experimental: {
    // Equal to SERVER_ACTION_BODY_LIMIT in lib/limits.ts (tests/unit/limits.test.ts checks it): a
    // form post may carry an appendix of up to 20 MB; middleware.ts holds script action calls
    // (JSON, e.g. autosaves) to the smaller ACTION_CALL_BODY_LIMIT_BYTES.
    serverActions: { bodySizeLimit: "21mb" },
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          // Same value as PERMISSIONS_POLICY in lib/security-headers.ts (tests/unit/limits.test.ts).
          {
            key: "Permissions-Policy",
            value:
              "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), usb=(), browsing-topics=()",
          },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
