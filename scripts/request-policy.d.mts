export interface RequestPolicy {
  trustForwardedHost: boolean;
  trustProxy: boolean;
  httpsUrl: boolean;
}
type Headers = Record<string, string | string[] | undefined>;
export function requestPolicy(env: Record<string, string | undefined>): RequestPolicy;
export function sanitiseHeaders(headers: Headers, socketAddress: string | undefined, policy: RequestPolicy): Headers;
export function servedOverHttps(headers: Headers, policy: RequestPolicy): boolean;
export function loggablePath(url: string | undefined): string;
