/**
 * Draft autosave under load: 50 bidders, each saving their own draft back to back for a few
 * seconds, through the real server action (the Next-Action POST the browser's autosave sends,
 * signed in through the credentials flow), beside the bench-only bare route handler doing the
 * same SQLite transaction with nothing around it (lib/server/bench/bare-autosave.ts).
 */
import { getSqlite } from "../../db/client";
import type { BenchServer, Fetched } from "./support/server";
import { defineBench, ms } from "./support/types";

const SECONDS = 6;
/** Each side first runs this long unmeasured, so neither is timed while the server compiles its code paths. */
const WARM_UP_SECONDS = 2;

/**
 * The id Next gave the autosave action. The project section page passes it to the form as the `save` prop,
 * so it is in the page's RSC payload as a server reference ("$h<row>", the row holding its id).
 */
async function saveActionId(server: BenchServer, cookie: string, proposalId: number): Promise<string> {
  const page = await server.get(`/proposals/${proposalId}/sections/project`, cookie, { keepBody: true });
  const flight = page.body.replace(/\\"/g, '"');
  const ref = /"save":"\$[hF]([0-9a-f]+)"/.exec(flight)?.[1];
  const id = ref ? new RegExp(`(?:^|[^0-9a-f])${ref}:\\{"id":"([0-9a-f]{40,42})"`).exec(flight)?.[1] : /"save":"\$F?([0-9a-f]{40,42})"/.exec(flight)?.[1];
  if (!id) throw new Error("Could not find the autosave action's id in the project section page");
  return id;
}

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
    const id = await saveActionId(server, bidders[0]!.cookie, bidders[0]!.proposalId);

    const saveBare = async (b: { proposalId: number }, baseVersion: number, n: number) => {
      const fetched = await server.post("/api/bench/autosave", "", JSON.stringify({ proposalId: b.proposalId, baseVersion, answers: answersFor(b.proposalId, n) }), {
        "Content-Type": "application/json",
        "x-tandem-bench-secret": server.benchSecret,
      });
      return { version: fetched.status === 200 ? (JSON.parse(fetched.body) as { version: number }).version : null, fetched };
    };
    const saveThroughAction = async (b: { proposalId: number; cookie: string }, baseVersion: number, n: number) => {
      const fetched = await server.post(`/proposals/${b.proposalId}/sections/project`, b.cookie, JSON.stringify([{ proposalId: b.proposalId, baseVersion, answers: answersFor(b.proposalId, n) }]), {
        "Content-Type": "text/plain;charset=UTF-8",
        Accept: "text/x-component",
        "Next-Action": id,
        // As a browser sends it: middleware refuses an action call without its page's Origin (403).
        Origin: server.url,
      });
      const ok = /"ok":true,"data":\{"version":(\d+)/.exec(fetched.body);
      if (!ok && !/"code":"conflict"/.test(fetched.body)) throw new Error(`autosave action failed: HTTP ${fetched.status} ${fetched.body.slice(0, 200)}`);
      return { version: ok ? Number(ok[1]) : null, fetched };
    };
    await load(bidders, saveBare, WARM_UP_SECONDS);
    const bare = await load(bidders, saveBare);
    // The real action's stored versions continue from where the bare handler left them.
    await load(bidders, saveThroughAction, WARM_UP_SECONDS);
    const action = await load(bidders, saveThroughAction);
    if (action.failures > bidders.length * 2) ctx.note(`autosave: ${action.failures} version conflicts while measuring the action`);
    return [
      { what: `draft autosave, ${bidders.length} concurrent bidders: throughput`, figure: `${action.savesPerSecond.toFixed(0)} saves/s`, limit: `bare handler ${bare.savesPerSecond.toFixed(0)} saves/s`, goal: "≥ 50 % of the limit", met: action.savesPerSecond >= 0.5 * bare.savesPerSecond },
      { what: `draft autosave, ${bidders.length} concurrent bidders: p95 latency`, figure: ms(action.p95), limit: `bare handler ${ms(bare.p95)}`, goal: "≤ 2× the limit", met: action.p95 <= 2 * bare.p95 },
    ];
  },
});
