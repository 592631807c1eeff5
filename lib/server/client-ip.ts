import "server-only";
import { headers } from "next/headers";

/**
 * The client's address, as set by Tandem's server (scripts/server.mjs) in `x-tandem-client-ip`:
 * the socket's peer, or the nearest entry of X-Forwarded-For when TRUST_PROXY says a proxy in
 * front adds it. The server drops any copy of this header the client sent. "unknown" only when the
 * app is served some other way (then every client shares one address throttle).
 */
export const CLIENT_IP_HEADER = "x-tandem-client-ip";

export function clientIpFrom(source: Headers | { get(name: string): string | null } | undefined): string {
  return source?.get(CLIENT_IP_HEADER) || "unknown";
}

/** The client's address for the current request ("unknown" outside one, e.g. in scripts). */
export async function clientIp(): Promise<string> {
  try {
    return clientIpFrom(await headers());
  } catch {
    return "unknown";
  }
}
