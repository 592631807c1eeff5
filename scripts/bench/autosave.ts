/**
 * Draft autosave under load: 50 bidders, each saving their own draft back to back for a few
 * seconds, through the app's real save path (the JSON POST the browser's autosave sends to
 * /api/proposals/[id]/draft, signed in through the credentials flow: session, permission, zod,
 * ownership, deadline and version checks), beside the bench-only bare route handler doing the same
 * SQLite transaction with nothing around it (lib/server/bench/bare-autosave.ts).
 */
import { getSqlite } from "../../db/client";
import { paths } from "../../lib/paths";
import type { BenchServer, Fetched } from "./support/server";
import { defineBench, ms } from "./support/types";

const SECONDS = 6;
/** Each side first runs this long unmeasured, so neither is timed while the server compiles its code paths. */
const WARM_UP_SECONDS = 2;

const storedVersion = (proposalId: number): number =>
  (getSqlite().prepare("SELECT version FROM proposals WHERE id = ?").get(proposalId) as { version: number }).version;

interface Load {
  savesPerSecond: number;
  p95: number;
  failures: number;
}

/** Every bidder saves back to back for `seconds`; the version each save returns is the next base. */
async function load(bidders: { proposalId: number; cookie: string }[], save: (b: { proposalId: number; cookie: string }, baseVersion: number, n: number) => Promise<{ version: number | null; fetched: Fetched }>, seconds = SECONDS): Promise<Load> {
  const latencies: number[] = [];
  let failures = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    bidders.map(async (b) => {
      let version = storedVersion(b.proposalId);
      let n = 0;
      for (;;) {
        const start = performance.now();
        if (start > until) return;
        const { version: next, fetched } = await save(b, version, n++);
        if (next === null) {
          failures++;
          if (failures > 1000) throw new Error(`saves keep failing: HTTP ${fetched.status} ${fetched.body.slice(0, 200)}`);
          version = storedVersion(b.proposalId);
          continue;
        }
        latencies.push(performance.now() - start);
        version = next;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { savesPerSecond: latencies.length / seconds, p95: latencies[Math.floor(latencies.length * 0.95)] ?? NaN, failures };
}

function answersFor(proposalId: number, n: number) {
  return { project: { title: `Draft ${proposalId}, edit ${n}`, summary: `Autosaved text, edit ${n}. `.repeat(20) } };
}

export default defineBench({
  name: "autosave",
  order: 40,
  async run(ctx) {
    const call = await ctx.largeCall();
    const server: BenchServer = await ctx.server();
    const bidders = await Promise.all(call.bidders.map(async (b) => ({ proposalId: b.proposalId, cookie: await server.signIn(b.email, call.password) })));

    const saveBare = async (b: { proposalId: number }, baseVersion: number, n: number) => {
      const fetched = await server.post("/api/bench/autosave", "", JSON.stringify({ proposalId: b.proposalId, baseVersion, answers: answersFor(b.proposalId, n) }), {
        "Content-Type": "application/json",
        "x-tandem-bench-secret": server.benchSecret,
      });
      return { version: fetched.status === 200 ? (JSON.parse(fetched.body) as { version: number }).version : null, fetched };
    };
    const saveThroughApp = async (b: { proposalId: number; cookie: string }, baseVersion: number, n: number) => {
      const fetched = await server.post(paths.proposalDraftSave(b.proposalId), b.cookie, JSON.stringify({ proposalId: b.proposalId, baseVersion, answers: answersFor(b.proposalId, n) }), {
        "Content-Type": "application/json",
        // As a browser sends them: the route refuses a save without its page's Origin (403).
        Origin: server.url,
        "Sec-Fetch-Site": "same-origin",
      });
      const ok = /"ok":true,"data":\{"version":(\d+)/.exec(fetched.body);
      if (!ok && !/"code":"conflict"/.test(fetched.body)) throw new Error(`autosave failed: HTTP ${fetched.status} ${fetched.body.slice(0, 200)}`);
      return { version: ok ? Number(ok[1]) : null, fetched };
    };
    await load(bidders, saveBare, WARM_UP_SECONDS);
    const bare = await load(bidders, saveBare);
    // The app's stored versions continue from where the bare handler left them.
    await load(bidders, saveThroughApp, WARM_UP_SECONDS);
    const app = await load(bidders, saveThroughApp);
    if (app.failures > bidders.length * 2) ctx.note(`autosave: ${app.failures} version conflicts while measuring the app`);
    return [
      { what: `draft autosave, ${bidders.length} concurrent bidders: throughput`, figure: `${app.savesPerSecond.toFixed(0)} saves/s (${((100 * app.savesPerSecond) / bare.savesPerSecond).toFixed(0)} %)`, limit: `bare handler ${bare.savesPerSecond.toFixed(0)} saves/s`, goal: "≥ 50 % of the limit", met: app.savesPerSecond >= 0.5 * bare.savesPerSecond },
      { what: `draft autosave, ${bidders.length} concurrent bidders: p95 latency`, figure: `${ms(app.p95)} (${(app.p95 / bare.p95).toFixed(2)}×)`, limit: `bare handler ${ms(bare.p95)}`, goal: "≤ 2× the limit", met: app.p95 <= 2 * bare.p95 },
    ];
  },
});
