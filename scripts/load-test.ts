/**
 * Load and fault test (issue 11): `npm run test:load` (60 s), `npm run test:load -- --short`
 * (20 s, run by `npm test` in CI). Loopback only. Needs a production build (`next build`).
 *
 * 1. A temporary database with the demo data plus 50 bidders, each with a draft in the open call.
 * 2. Run 1: the production server (scripts/server.mjs); 50 bidders autosave their own drafts through
 *    the real save path (the JSON route the browser's autosave posts to, app/api/proposals/[id]/draft)
 *    as fast as answers come back, while the 3 demo assessors declare (server action), draft (their
 *    autosave route) and submit (server action) their 12 assessments. One save is the largest draft
 *    validation accepts.
 * 3. Run 2: the same again, and halfway through the server is killed with SIGKILL and restarted;
 *    bidders whose save died with the connection carry on with the lost save ids (no conflict).
 * 4. Checks: 0 unexpected errors (anything but a dropped connection while the server is down), and
 *    every acknowledged save is in the database after the restart. Prints throughput and
 *    p50/p95/p99 latency of the saves.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { encode } from "next-auth/jwt";
import { hashPassword } from "../lib/crypto/password";
import { PROPOSAL_SECTIONS } from "../lib/domain/proposal/questions";
import { paths } from "../lib/paths";
import { charCapForWords } from "../lib/domain/text";
import { draftCharCap, PARTNER_ROLE_MAX_WORDS } from "../lib/validation/proposal";
import { MIN_JUSTIFICATION_WORDS } from "../lib/validation/assessment";
import { SERVER_ENV, SERVER_NODE_FLAGS } from "./server-flags.mjs";

const SHORT = process.argv.includes("--short") || process.env.LOAD_SHORT === "1";
const RUN_SECONDS = Number(process.env.LOAD_SECONDS ?? (SHORT ? 20 : 60));
const BIDDERS = Number(process.env.LOAD_BIDDERS ?? 50);
/** Run 2 goes on at least this long after the restart (and up to the cap, to give every bidder a save). */
const AFTER_RESTART_SECONDS = SHORT ? 3 : 10;
const AFTER_RESTART_CAP_SECONDS = 60;
const PORT = Number(process.env.LOAD_PORT ?? process.env.E2E_PORT ?? 3299);
const BASE = `http://127.0.0.1:${PORT}`;
const SECRET = "load-test-secret-not-for-production-0123456789";
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-load-"));
const dbFile = path.join(dir, "load.db");
const logFile = path.join(dir, "server.log");
const PASSWORD = "load-test-password";

// --- setup -------------------------------------------------------------------------------------

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited ${code}`))));
  });
}

interface Bidder {
  id: number;
  email: string;
  proposalId: number;
  cookie: string;
  version: number;
  unconfirmed: string[];
  sent: number;
  /** The highest save counter the server acknowledged. */
  acked: number;
  /** Saves acknowledged by the restarted server (run 2). */
  ackedAfterRestart: number;
}

interface Assessor {
  id: number;
  email: string;
  cookie: string;
  assignments: number[];
}

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  DATABASE_PATH: dbFile,
  AUTH_SECRET: SECRET,
  PORT: String(PORT),
  HOST: "127.0.0.1",
  // Info: one line per request, all scanned at the end for secrets and ids.
  LOG_LEVEL: "info",
  // Long enough that a loaded machine finishes the saves in flight at SIGTERM (the default is 10 s).
  SHUTDOWN_GRACE_MS: "60000",
  SEED_DEMO_DATA: "true",
};

async function sessionCookie(user: { id: number; email: string; role: string }) {
  const salt = "authjs.session-token";
  const token = await encode({
    token: { sub: String(user.id), uid: String(user.id), email: user.email, role: user.role, sv: 1 },
    secret: SECRET,
    salt,
    maxAge: 8 * 60 * 60,
  });
  return `${salt}=${token}`;
}

async function setup(): Promise<{ bidders: Bidder[]; assessors: Assessor[] }> {
  await run("npx", ["tsx", "db/prepare.ts"], { ...env, NODE_ENV: "development" });
  const db = new Database(dbFile);
  const call = db.prepare("select id from calls where closes_at > ? order by id limit 1").get(Date.now()) as { id: number };
  const hash = await hashPassword(PASSWORD);
  const bidders: Bidder[] = [];
  const insertUser = db.prepare("insert into users (email, name, password_hash, role, organisation, country) values (?, ?, ?, 'bidder', 'Load Ltd', 'GB') returning id");
  const insertProposal = db.prepare("insert into proposals (call_id, owner_id, answers, updated_at) values (?, ?, '{}', ?) returning id");
  db.transaction(() => {
    for (let i = 0; i < BIDDERS; i++) {
      const email = `load-bidder-${i}@load.test`;
      const { id } = insertUser.get(email, `Load Bidder ${i}`, hash) as { id: number };
      const { id: proposalId } = insertProposal.get(call.id, id, Date.now()) as { id: number };
      bidders.push({ id, email, proposalId, cookie: "", version: 1, unconfirmed: [], sent: 0, acked: 0, ackedAfterRestart: 0 });
    }
  })();
  for (const b of bidders) b.cookie = await sessionCookie({ id: b.id, email: b.email, role: "bidder" });
  const assessorRows = db.prepare("select id, email from users where role = 'assessor' order by id").all() as { id: number; email: string }[];
  const assessors: Assessor[] = [];
  for (const a of assessorRows) {
    const assignments = (
      db
        .prepare(
          `select a.id from assignments a left join assessments s on s.assignment_id = a.id
           where a.assessor_id = ? and a.removed_at is null and a.conflict_declaration is null and s.id is null`,
        )
        .all(a.id) as { id: number }[]
    ).map((r) => r.id);
    assessors.push({ ...a, cookie: await sessionCookie({ ...a, role: "assessor" }), assignments });
  }
  db.close();
  return { bidders, assessors };
}

// --- server and actions ----------------------------------------------------------------------------

let server: ChildProcess | null = null;

async function startServer() {
  const log = fs.openSync(logFile, "a");
  server = spawn("node", [...SERVER_NODE_FLAGS, "scripts/server.mjs"], { cwd: root, env: { ...env, ...SERVER_ENV }, stdio: ["ignore", log, "inherit"] });
  fs.closeSync(log);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${BASE}/api/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("The server did not become healthy within 60 s");
}

function actionIds(): Record<string, string> {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const manifest = JSON.parse(fs.readFileSync(path.join(root, distDir, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const ids: Record<string, string> = {};
  for (const [id, entry] of Object.entries(manifest.node)) if (entry.exportedName) ids[entry.exportedName] = id;
  return ids;
}

type Result = { ok: true; data: Record<string, unknown> } | { ok: false; code: string; message: string };

/** Calls a server action the way the browser does, and decodes its result from the RSC stream. */
async function callAction(actionId: string, page: string, cookie: string, input: unknown): Promise<{ status: number; result: Result | null }> {
  const res = await fetch(`${BASE}${page}`, {
    method: "POST",
    headers: {
      "Next-Action": actionId,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: BASE,
      Cookie: cookie,
    },
    body: JSON.stringify([input]),
  });
  const text = await res.text();
  const line = text.split("\n").find((l) => l.startsWith("1:"));
  return { status: res.status, result: line ? (JSON.parse(line.slice(2)) as Result) : null };
}

/** Saves a draft the way the browser's autosave does (components/form/autosave/post-draft.ts). */
async function saveDraft(url: string, cookie: string, input: unknown): Promise<{ status: number; result: Result | null }> {
  const res = await fetch(`${BASE}${url}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", Origin: BASE, "Sec-Fetch-Site": "same-origin", Cookie: cookie },
    body: JSON.stringify(input),
  });
  const text = await res.text();
  let result: Result | null = null;
  try {
    result = JSON.parse(text) as Result;
  } catch {
    result = null;
  }
  return { status: res.status, result };
}

// --- the workload ----------------------------------------------------------------------------------

interface Stats {
  latencies: number[];
  saves: number;
  unexpected: string[];
  dropped: number;
}

const words = (n: number, seed: string) => Array.from({ length: n }, (_, i) => `${seed}${i % 7}`).join(" ");

async function bidderLoop(b: Bidder, until: () => number, stats: Stats, isDown: () => boolean, restarted = () => false) {
  while (Date.now() < until()) {
    const counter = ++b.sent;
    const saveId = randomUUID();
    const answers = { project: { title: `Load proposal ${b.id}`, summary: `save ${counter} ${words(150, "word")}` } };
    const started = performance.now();
    try {
      const { status, result } = await saveDraft(paths.proposalDraftSave(b.proposalId), b.cookie, {
        proposalId: b.proposalId,
        baseVersion: b.version,
        answers,
        overwrite: false,
        saveId,
        unconfirmed: b.unconfirmed,
      });
      stats.latencies.push(performance.now() - started);
      if (result?.ok) {
        b.version = Number(result.data.version);
        b.unconfirmed = [];
        b.acked = counter;
        if (restarted()) b.ackedAfterRestart++;
        stats.saves++;
      } else {
        stats.unexpected.push(`bidder ${b.id}: HTTP ${status} ${result ? `${result.code}: ${result.message}` : "no result"}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    } catch {
      // The connection died: only expected while the server is down (kill -9).
      b.unconfirmed = [...b.unconfirmed, saveId].slice(-50);
      if (!isDown()) stats.unexpected.push(`bidder ${b.id}: connection failed while the server was up`);
      stats.dropped++;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

function assessmentValues(criteria: string[], justification: string) {
  return {
    inScope: "yes",
    inScopeComment: "",
    scores: Object.fromEntries(criteria.map((k) => [k, "7"])),
    justifications: Object.fromEntries(criteria.map((k) => [k, `${justification} ${words(MIN_JUSTIFICATION_WORDS, "because")}`])),
    bidderFeedback: `Feedback ${words(MIN_JUSTIFICATION_WORDS, "point")}`,
    privateComment: "",
    recommendation: "yes",
    confidence: "high",
  };
}

/** Each assignment's rubric criteria (calls may have different rubrics). */
type CriteriaOf = (assignmentId: number) => string[];

async function assessorLoop(a: Assessor, ids: Record<string, string>, criteriaOf: CriteriaOf, until: number, stats: Stats) {
  const spacing = Math.max(500, ((until - Date.now()) * 0.8) / Math.max(1, a.assignments.length));
  for (const assignmentId of a.assignments) {
    if (Date.now() >= until) return;
    const page = `/assessments/${assignmentId}`;
    const steps: (() => ReturnType<typeof callAction>)[] = [
      () => callAction(ids.declareConflictAction!, page, a.cookie, { assignmentId, declaration: "none", details: "" }),
      () => saveDraft(paths.assessmentDraftSave(assignmentId), a.cookie, { assignmentId, baseVersion: 0, values: assessmentValues(criteriaOf(assignmentId), "Draft"), saveId: randomUUID() }),
      () => callAction(ids.submitAssessmentAction!, page, a.cookie, { assignmentId, baseVersion: 1, values: assessmentValues(criteriaOf(assignmentId), "Final") }),
    ];
    for (const step of steps) {
      const { status, result } = await step();
      if (!result?.ok) {
        const fields = result && "fieldErrors" in result ? ` ${JSON.stringify(result.fieldErrors)}` : "";
        stats.unexpected.push(`assessor ${a.id}, assignment ${assignmentId}: HTTP ${status} ${result ? `${result.code}: ${result.message}${fields}` : "no result"}`);
      }
    }
    await new Promise((r) => setTimeout(r, spacing));
  }
}

function largestValidDraft() {
  const wide = "語";
  const answers: Record<string, Record<string, unknown>> = {};
  for (const section of PROPOSAL_SECTIONS) {
    const target: Record<string, unknown> = {};
    for (const q of section.questions) {
      if (q.kind === "checklist") target[q.key] = q.options.map((o) => o.value);
      else if (q.kind === "partners") {
        target[q.key] = Array.from({ length: q.maxRows }, () => ({
          organisation: wide.repeat(200),
          country: wide.repeat(100),
          type: wide.repeat(100),
          role: wide.repeat(charCapForWords(PARTNER_ROLE_MAX_WORDS)),
          share: wide.repeat(20),
        }));
      } else target[q.key] = wide.repeat(draftCharCap(q));
    }
    answers[section.key] = target;
  }
  return answers;
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);

function report(label: string, stats: Stats, seconds: number) {
  const sorted = [...stats.latencies].sort((a, b) => a - b);
  console.log(
    `${label}: ${stats.saves} acknowledged saves in ${seconds.toFixed(1)} s = ${(stats.saves / seconds).toFixed(0)} saves/s; ` +
      `latency p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms; ` +
      `${stats.dropped} dropped by the kill, ${stats.unexpected.length} unexpected errors`,
  );
}

/** One real sign-in through Auth.js's credentials callback, so the logs see a password go by. */
async function signInOnce(b: Bidder): Promise<string[]> {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = (csrf.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, Origin: BASE },
    body: new URLSearchParams({ email: b.email, password: PASSWORD, csrfToken, callbackUrl: "/proposals" }),
  });
  const signedIn = (res.headers.getSetCookie?.() ?? []).some((c) => c.startsWith("authjs.session-token="));
  return res.status === 302 && signedIn ? [] : [`signing in with the right password failed: HTTP ${res.status}`];
}

/**
 * SIGTERM while saves are in flight: each save the server had taken is answered, none is cut off
 * (one the closing server no longer accepted is refused at connect, which is what a load balancer
 * expects); then the server exits 0 with the WAL checkpointed into the database file.
 */
async function gracefulShutdown(group: Bidder[]): Promise<string[]> {
  const problems: string[] = [];
  const saves = group.map(async (b) => {
    const input = { proposalId: b.proposalId, baseVersion: b.version, answers: largestValidDraft(), saveId: randomUUID(), unconfirmed: b.unconfirmed };
    return saveDraft(paths.proposalDraftSave(b.proposalId), b.cookie, input);
  });
  // Long enough for the server to have read the requests (a connection it has not read from yet
  // counts as idle and is closed, like a new one), short enough that they are still running.
  await new Promise((r) => setTimeout(r, 400));
  const exited = new Promise<number | null>((r) => server!.once("exit", (code) => r(code)));
  server!.kill("SIGTERM");
  let answered = 0;
  let refused = 0;
  for (const outcome of await Promise.allSettled(saves)) {
    if (outcome.status === "fulfilled" && outcome.value.result?.ok) answered++;
    else if (outcome.status === "rejected" && /ECONNREFUSED/.test(String((outcome.reason as { cause?: unknown })?.cause ?? outcome.reason))) refused++;
    else problems.push(`a save in flight at SIGTERM was cut off: ${outcome.status === "fulfilled" ? `HTTP ${outcome.value.status}` : String(outcome.reason)}`);
  }
  const code = await exited;
  if (code !== 0) problems.push(`the server exited with ${code} after SIGTERM`);
  const wal = `${dbFile}-wal`;
  const walBytes = fs.existsSync(wal) ? fs.statSync(wal).size : 0;
  if (walBytes > 0) problems.push(`the WAL still held ${walBytes} bytes after shutdown (not checkpointed)`);
  const shutdownLines = fs
    .readFileSync(logFile, "utf8")
    .split("\n")
    .filter((l) => /shutting down|grace period|checkpoint/.test(l));
  for (const line of shutdownLines) console.log(`  server: ${line}`);
  if (!shutdownLines.some((l) => l.includes("database checkpointed and closed"))) problems.push("the server did not log its checkpoint on SIGTERM");
  console.log(`SIGTERM with ${group.length} large saves in flight: ${answered} answered, ${refused} refused at connect, ${problems.length} problems; WAL ${walBytes} bytes after exit`);
  return problems;
}

/**
 * The server's JSON log lines: each request line carries its id (and the user's id for the saves,
 * which are signed in), and no line holds a password, a session token or answer text.
 */
function scanLogs(bidders: Bidder[]): string[] {
  const problems: string[] = [];
  const lines = fs.readFileSync(logFile, "utf8").split("\n").filter(Boolean);
  const secrets = [PASSWORD, "Load proposal", "word0 word1", "語", "because0", ...bidders.slice(0, 5).map((b) => b.cookie.split("=")[1]!.slice(0, 40))];
  let requests = 0;
  let saves = 0;
  for (const line of lines) {
    const secret = secrets.find((x) => line.includes(x));
    if (secret) problems.push(`a log line holds a secret or answer text (${secret.slice(0, 12)}…): ${line.slice(0, 120)}`);
    let entry: { msg?: string; reqId?: string; userId?: number; method?: string; path?: string; status?: number };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      continue; // Next.js's own warnings are plain text
    }
    if (entry.msg !== "request") continue;
    requests++;
    if (!entry.reqId) problems.push(`a request line has no request id: ${line.slice(0, 120)}`);
    if (entry.method === "POST" && /^\/api\/proposals\/\d+\/draft$/.test(entry.path ?? "") && entry.status === 200) {
      saves++;
      if (entry.userId === undefined) problems.push(`a signed-in save's log line has no user id: ${line.slice(0, 120)}`);
    }
  }
  if (requests === 0) problems.push("the server logged no requests");
  console.log(`Logs: ${lines.length} lines, ${requests} requests (${saves} saves), ${problems.length} problems`);
  return problems.slice(0, 20);
}

async function main() {
  console.log(`Load test: ${BIDDERS} bidders, ${RUN_SECONDS} s per run, database ${dbFile}`);
  const { bidders, assessors } = await setup();
  const ids = actionIds();
  const db = new Database(dbFile, { readonly: true });
  const criteriaQuery = db.prepare("select key from rubric_criteria where call_id = (select call_id from proposals where id = (select proposal_id from assignments where id = ?))");
  const criteriaByAssignment = new Map(
    assessors.flatMap((a) => a.assignments).map((id) => [id, (criteriaQuery.all(id) as { key: string }[]).map((r) => r.key)]),
  );
  const criteriaOf: CriteriaOf = (id) => criteriaByAssignment.get(id) ?? [];
  db.close();
  const failures: string[] = [];

  await startServer();
  failures.push(...(await signInOnce(bidders[1]!)));

  // The largest valid draft goes through the real action, body limit and all.
  const big = bidders[0]!;
  const bigInput = { proposalId: big.proposalId, baseVersion: big.version, answers: largestValidDraft(), saveId: randomUUID(), unconfirmed: [] };
  const bigBytes = Buffer.byteLength(JSON.stringify(bigInput));
  const bigSave = await saveDraft(paths.proposalDraftSave(big.proposalId), big.cookie, bigInput);
  if (!bigSave.result?.ok) failures.push(`the largest valid draft (${bigBytes} bytes) was refused: HTTP ${bigSave.status}`);
  else big.version = Number(bigSave.result.data.version);
  console.log(`Largest valid draft: ${(bigBytes / 1024 / 1024).toFixed(2)} MiB, HTTP ${bigSave.status}, ${bigSave.result?.ok ? "saved" : "REFUSED"}`);

  // Run 1.
  const first: Stats = { latencies: [], saves: 0, unexpected: [], dropped: 0 };
  let started = Date.now();
  const until = started + RUN_SECONDS * 1000;
  await Promise.all([
    ...bidders.map((b) => bidderLoop(b, () => until, first, () => false)),
    ...assessors.map((a) => assessorLoop(a, ids, criteriaOf, until, first)),
  ]);
  report("Run 1", first, (Date.now() - started) / 1000);

  // Run 2, with kill -9 halfway and a restart. It goes on after the restart (at least
  // AFTER_RESTART_SECONDS, and until every bidder has had a save acknowledged by the new server,
  // within a cap): a bidder whose save died with the connection must carry on without a conflict.
  const second: Stats = { latencies: [], saves: 0, unexpected: [], dropped: 0 };
  let down = false;
  let restarted = false;
  let faultDone = false;
  const secondSeconds = Math.max(10, RUN_SECONDS / 2);
  started = Date.now();
  let secondUntil = started + secondSeconds * 1000;
  const fault = (async () => {
    await new Promise((r) => setTimeout(r, (secondSeconds * 1000) / 2));
    down = true;
    server!.kill("SIGKILL");
    await new Promise((r) => server!.once("exit", r));
    console.log("Killed the server with SIGKILL mid-run; restarting");
    await startServer();
    down = false;
    restarted = true;
    const restartedAt = Date.now();
    secondUntil = Math.max(secondUntil, restartedAt + AFTER_RESTART_SECONDS * 1000);
    // Past the planned end, carry on only until every bidder has been acknowledged once (or the cap).
    while (Date.now() < restartedAt + AFTER_RESTART_CAP_SECONDS * 1000 && bidders.some((b) => b.ackedAfterRestart === 0)) {
      await new Promise((r) => setTimeout(r, 100));
    }
    secondUntil = Math.min(secondUntil, Math.max(Date.now(), restartedAt + AFTER_RESTART_SECONDS * 1000));
    faultDone = true;
  })();
  // Bidders keep trying while the server is down or restarting, however long that takes.
  const secondDeadline = () => (faultDone ? secondUntil : Number.POSITIVE_INFINITY);
  await Promise.all([...bidders.map((b) => bidderLoop(b, secondDeadline, second, () => down, () => restarted)), fault]);
  report("Run 2 (kill -9 and restart)", second, (Date.now() - started) / 1000);
  const neverAfter = bidders.filter((b) => b.ackedAfterRestart === 0);
  if (neverAfter.length > 0) failures.push(`${neverAfter.length} bidders had no save acknowledged after the restart (first: bidder ${neverAfter[0]!.id})`);
  console.log(`After the restart: ${bidders.length - neverAfter.length} of ${bidders.length} bidders saved again without a conflict`);

  // Every acknowledged save is present: the stored draft is the acknowledged save or a later one.
  const check = new Database(dbFile, { readonly: true });
  let missing = 0;
  for (const b of bidders.slice(1)) {
    const row = check.prepare("select answers, version from proposals where id = ?").get(b.proposalId) as { answers: string; version: number };
    const summary = String((JSON.parse(row.answers) as { project?: { summary?: string } }).project?.summary ?? "");
    const stored = Number(/^save (\d+) /.exec(summary)?.[1] ?? 0);
    if (stored < b.acked) {
      missing++;
      failures.push(`bidder ${b.id}: save ${b.acked} was acknowledged but the database holds save ${stored}`);
    }
  }
  const submitted = (check.prepare("select count(*) as n from assessments where status = 'submitted'").get() as { n: number }).n;
  check.close();
  console.log(`At the end: ${bidders.length - 1 - missing} of ${bidders.length - 1} bidders' last acknowledged saves present; ${submitted} assessments submitted`);

  failures.push(...first.unexpected, ...second.unexpected);
  failures.push(...(await gracefulShutdown(bidders.slice(1, 11))));
  failures.push(...scanLogs(bidders));
  fs.rmSync(dir, { recursive: true, force: true });
  if (failures.length > 0) {
    console.error(`FAILED: ${failures.length} problems`);
    for (const f of failures.slice(0, 20)) console.error(`  ${f}`);
    process.exit(1);
  }
  console.log("Load and fault test passed: 0 unexpected errors, every acknowledged save present.");
}

main().catch((error: unknown) => {
  console.error(error);
  server?.kill("SIGKILL");
  process.exit(1);
});
