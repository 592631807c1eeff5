/**
 * `npm run verify-draw -- <call id>`: recomputes every lottery draw of a call from its revealed
 * seed and shows whether it matches what was recorded (lib/domain/calibration/lottery.ts).
 * It checks, from the audit log alone (what anyone given the log can see):
 * 1. the seed revealed at the draw has the SHA-256 published before it;
 * 2. the published group, sorted by id, shuffled with that seed, gives the recorded order;
 * 3. funding in that order within the recorded budget gives the recorded funded and reserve lists.
 * Exit code 0 when every draw matches, 1 when one does not, 2 on bad usage.
 */
import { createHash } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { closeDb, getDb } from "../db/client";
import { auditLog, lotteries } from "../db/schema";
import { drawLottery } from "../lib/domain/calibration/lottery";

async function main(): Promise<number> {
  const raw = process.argv[2] ?? "";
  if (!/^[1-9][0-9]*$/u.test(raw)) {
    console.error("Usage: npm run verify-draw -- <call id>");
    return 2;
  }
  const callId = Number(raw);
  const db = getDb();
  const rows = await db.select().from(lotteries).where(eq(lotteries.callId, callId)).orderBy(asc(lotteries.id));
  const audit = await db.select().from(auditLog).where(and(eq(auditLog.callId, callId))).orderBy(asc(auditLog.id));
  if (rows.length === 0) {
    console.log(`Call ${callId} has no lottery.`);
    return 0;
  }
  let ok = true;
  for (const lottery of rows) {
    const committed = audit.find((e) => e.action === "lottery.committed" && e.detail.lotteryId === lottery.id);
    const drawn = audit.find((e) => e.action === "lottery.drawn" && e.detail.lotteryId === lottery.id);
    console.log(`\nLottery ${lottery.id} (${lottery.status})`);
    if (!committed) {
      console.log("  ✗ no published seed hash in the audit log");
      ok = false;
      continue;
    }
    const hash = String(committed.detail.seedSha256);
    console.log(`  seed SHA-256 published ${new Date(committed.at).toISOString()}: ${hash}`);
    if (!drawn) {
      console.log("  not drawn yet: the seed is not revealed");
      continue;
    }
    const seed = String(drawn.detail.seed);
    const group = lottery.entries;
    const ids = (committed.detail.proposalIds as number[]) ?? [];
    const again = drawLottery(seed, group, Number(committed.detail.remainingBudget));
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    const checks: [string, boolean][] = [
      ["seed revealed after the hash was published", new Date(drawn.at).getTime() >= new Date(committed.at).getTime() && drawn.id > committed.id],
      ["SHA-256 of the revealed seed matches the published hash", createHash("sha256").update(seed).digest("hex") === hash],
      ["group matches the published proposal ids", same(group.map((g) => g.id), ids)],
      ["drawn order matches", same(again.order, drawn.detail.order)],
      ["funded list matches", same(again.funded, drawn.detail.funded)],
      ["reserve list matches", same(again.reserve, drawn.detail.reserve)],
    ];
    console.log(`  seed: ${seed}`);
    console.log(`  recomputed order: ${again.order.join(", ")}; funded: ${again.funded.join(", ") || "none"}; reserve: ${again.reserve.join(", ") || "none"}`);
    for (const [label, pass] of checks) {
      console.log(`  ${pass ? "✓" : "✗"} ${label}`);
      if (!pass) ok = false;
    }
  }
  console.log(ok ? "\nEvery draw matches its seed." : "\nA draw does NOT match its seed.");
  return ok ? 0 : 1;
}

main()
  .then((code) => {
    closeDb();
    process.exit(code);
  })
  .catch((error: unknown) => {
    console.error("Could not verify the draw", error);
    process.exit(1);
  });
