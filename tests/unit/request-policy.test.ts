import { describe, expect, it } from "vitest";
import { loggablePath, requestPolicy, sanitiseHeaders, servedOverHttps } from "../../scripts/request-policy.mjs";

/** What Tandem's server (scripts/server.mjs) trusts in a request, by deployment setting. */
describe("request policy", () => {
  const forged = () => ({
    "x-forwarded-host": "evil.example",
    "x-forwarded-proto": "https",
    "x-forwarded-port": "443",
    "x-forwarded-for": "203.0.113.9",
    "x-tandem-client-ip": "198.51.100.1",
  });

  it("drops forwarded headers and a forged client address when no proxy is declared", () => {
    const policy = requestPolicy({});
    const headers = sanitiseHeaders(forged(), "192.0.2.7", policy);
    expect(headers).toEqual({ "x-tandem-client-ip": "192.0.2.7" });
    expect(servedOverHttps(headers, policy)).toBe(false);
  });

  it("keeps X-Forwarded-Host/-Proto when AUTH_TRUST_HOST=true or AUTH_URL is set, and sends HSTS for a proxy's https", () => {
    for (const env of [{ AUTH_TRUST_HOST: "true" }, { AUTH_URL: "http://tandem.internal" }]) {
      const policy = requestPolicy(env);
      const headers = sanitiseHeaders(forged(), "192.0.2.7", policy);
      expect(headers["x-forwarded-host"]).toBe("evil.example");
      expect(servedOverHttps(headers, policy)).toBe(true);
      expect(servedOverHttps({ ...headers, "x-forwarded-proto": "http" }, policy)).toBe(false);
      // Without TRUST_PROXY the address is still the socket's.
      expect(headers["x-tandem-client-ip"]).toBe("192.0.2.7");
    }
  });

  it("knows HTTPS from an https AUTH_URL whatever the headers say", () => {
    const policy = requestPolicy({ AUTH_URL: "https://tandem.example.org" });
    expect(servedOverHttps({}, policy)).toBe(true);
  });

  it("takes the client address from the last X-Forwarded-For entry only with TRUST_PROXY=true", () => {
    const policy = requestPolicy({ TRUST_PROXY: "true" });
    expect(sanitiseHeaders({ "x-forwarded-for": "10.0.0.1, 203.0.113.9" }, "192.0.2.7", policy)["x-tandem-client-ip"]).toBe("203.0.113.9");
    expect(sanitiseHeaders({}, "192.0.2.7", policy)["x-tandem-client-ip"]).toBe("192.0.2.7");
  });

  it("logs paths without queries and without set-password tokens", () => {
    expect(loggablePath("/set-password/abcDEF123?x=1")).toBe("/set-password/[token]");
    expect(loggablePath("/proposals/3/edit?token=abc")).toBe("/proposals/3/edit");
    expect(loggablePath(undefined)).toBe("/");
  });
});
