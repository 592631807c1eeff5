/**
 * The production server for the bench: Tandem's own server (scripts/server.mjs, what `npm start`
 * serves with, under the same V8 options) on the current build (built first when the source is
 * newer), pointed at the large call's SQLite file, with a fresh auth secret. Signs in
 * through the real credentials flow (next-auth's CSRF token, then the credentials callback) and
 * measures requests: time to first byte, total time and bytes. Reads the server's peak resident
 * memory from /proc (VmHWM), which can be reset between figures (clear_refs).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { buildIsCurrent } from "../../build-freshness.mjs";
import { SERVER_ENV, SERVER_NODE_FLAGS } from "../../server-flags.mjs";

const root = path.resolve(__dirname, "../../..");

export interface Fetched {
  status: number;
  /** Milliseconds to the first byte of the body. */
  ttfbMs: number;
  totalMs: number;
  bytes: number;
  body: string;
  /** True when the request was cut off at the timeout. */
  timedOut: boolean;
}

export interface BenchServer {
  url: string;
  pid: number;
  /** Header value for a signed-in session. */
  signIn(email: string, password: string): Promise<string>;
  get(pathname: string, cookie: string, options?: { timeoutMs?: number; keepBody?: boolean }): Promise<Fetched>;
  post(pathname: string, cookie: string, body: string, headers: Record<string, string>): Promise<Fetched>;
  /** Forget the memory high-water mark, so the next peakMiB() covers what happens from now. */
  resetPeak(): void;
  /** Peak resident memory (MiB) of the server process since start or the last resetPeak(). */
  peakMiB(): number;
  /** The secret that unlocks the bench-only bare route handler in this server. */
  benchSecret: string;
  stop(): Promise<void>;
}

export function ensureBuild(): void {
  if (buildIsCurrent(root)) return;
  console.log("bench: building (the build is older than the source)…");
  const result = spawnSync("npx", ["next", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"], env: process.env });
  if (result.status !== 0) throw new Error("next build failed");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * fetch, tried once more when it went out on a keep-alive socket the server had already closed.
 * The bench blocks this process for seconds at a time (an in-process HiGHS solve, say), so the
 * pool cannot notice that the server timed an idle socket out, and undici does not retry a POST
 * that meets a closed socket ("other side closed"). Nothing reached the server, so it is safe.
 */
async function fetchPast(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code !== "UND_ERR_SOCKET") throw error;
    return await fetch(url, init);
  }
}

function setCookies(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/** A field of /proc/<pid>/status in MiB (the server and any process it started). */
function procStatus(pid: number, field: string): number {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text);
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function descendants(pid: number): number[] {
  const out = [pid];
  try {
    const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    for (const child of children) out.push(...descendants(child));
  } catch {
    // gone
  }
  return out;
}

export async function startServer(databaseFile: string): Promise<BenchServer> {
  ensureBuild();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const benchSecret = randomBytes(32).toString("hex");
  const child: ChildProcess = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(root, "scripts/server.mjs")], {
    cwd: root,
    env: {
      ...process.env,
      ...SERVER_ENV,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_PATH: databaseFile,
      AUTH_SECRET: randomBytes(32).toString("base64"),
      TANDEM_BENCH_SECRET: benchSecret,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${stderr}`);
    try {
      const response = await fetch(`${url}/signin`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not answer within 60 s: ${stderr}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const pid = child.pid!;

  async function request(pathname: string, init: RequestInit, timeoutMs: number, keepBody: boolean): Promise<Fetched> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const start = performance.now();
    let ttfbMs = 0;
    let bytes = 0;
    const chunks: Buffer[] = [];
    let status = 0;
    try {
      const response = await fetch(`${url}${pathname}`, { ...init, redirect: "manual", signal: controller.signal });
      status = response.status;
      const reader = response.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (bytes === 0) ttfbMs = performance.now() - start;
        bytes += value.byteLength;
        if (keepBody) chunks.push(Buffer.from(value));
      }
      return { status, ttfbMs, totalMs: performance.now() - start, bytes, body: Buffer.concat(chunks).toString("utf8"), timedOut: false };
    } catch (error) {
      if (controller.signal.aborted) return { status, ttfbMs, totalMs: performance.now() - start, bytes, body: "", timedOut: true };
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    url,
    pid,
    benchSecret,
    async signIn(email, password) {
      const csrf = await fetchPast(`${url}/api/auth/csrf`);
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const cookies = setCookies(csrf);
      const response = await fetchPast(`${url}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies.join("; ") },
        body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${url}/` }),
      });
      const session = setCookies(response).find((c) => c.startsWith("authjs.session-token="));
      if (!session) throw new Error(`Sign-in failed for ${email} (HTTP ${response.status})`);
      return session;
    },
    get(pathname, cookie, options = {}) {
      return request(pathname, { headers: { Cookie: cookie } }, options.timeoutMs ?? 120_000, options.keepBody ?? false);
    },
    post(pathname, cookie, body, headers) {
      return request(pathname, { method: "POST", headers: { Cookie: cookie, ...headers }, body }, 60_000, true);
    },
    resetPeak() {
      for (const p of descendants(pid)) {
        try {
          fs.writeFileSync(`/proc/${p}/clear_refs`, "5");
        } catch {
          // not ours or gone
        }
      }
    },
    peakMiB() {
      return Math.max(...descendants(pid).map((p) => procStatus(p, "VmHWM")));
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}
