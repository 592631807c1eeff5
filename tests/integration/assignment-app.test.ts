/**
 * "Assign automatically" end to end on a real SQLite file: the manager's action starts the LP as a
 * background job in a worker thread, which writes its assignments when done. Small random
 * instances (tests/support/assignment-brute-force.ts) are stored as calls, run through the app and
 * compared with brute force; then the rules are checked on what was written: conflicts, gaps,
 * maximums and the "never re-add an unassigned assessor" rule. Refusals change nothing, and a run
 * that cannot finish or whose data changed underneath says so and changes nothing.
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { agencies, assignments, auditLog } from "@/db/schema";
import { conflictReason, expertiseMatch } from "@/lib/domain/assignment";
import { LOAD_STEPS, SHORTFALL_RULE } from "@/lib/domain/assignment-lp";
import { invokerOf } from "@/lib/server/action";
import { autoAssignAction } from "@/lib/server/actions/manage-actions";
import { ensureJob, waitForJob, type JobDefinition } from "@/lib/server/jobs";
import type { Actor } from "@/lib/server/users";
import { autoAssignCall } from "../support/actions";
import { bruteForce, randomInstance } from "../support/assignment-brute-force";
import { expectFailure, expectOk, makeAssignmentRow, makeInvitations, makeProposal, makeRubricCall } from "../support/manage-factories";
import { databaseSnapshot, makeUser, setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

let manager: Actor;
let bidder: Actor;

beforeAll(async () => {
  manager = await makeUser("manager");
  bidder = await makeUser("bidder");
});

afterEach(() => {
  delete process.env.TANDEM_ASSIGNMENT_TIME_LIMIT_S;
});

const key = (p: number, a: number) => `${p}:${a}`;

/** Stores a random instance as a closed call whose assessors all accepted its invitation; ids are the stored ones. */
async function storeInstance(seed: number) {
  const abstract = randomInstance(seed, { nullDomains: false });
  const call = makeRubricCall({ assessorsRequired: abstract.required });
  const assessorId = new Map<number, number>();
  for (const a of abstract.assessors) {
    const user = await makeUser("assessor", { organisation: a.organisation, expertise: [...a.expertise] });
    assessorId.set(a.id, user.id);
    const max = abstract.maxLoads?.find((m) => m.assessorId === a.id)?.max ?? null;
    makeInvitations(call.id, [user], manager, { maxProposals: max });
  }
  const proposalId = new Map<number, number>();
  for (const p of abstract.proposals) {
    const [lead, ...partners] = p.organisations;
    const row = makeProposal(call.id, bidder, { domainId: p.domainId!, lead, partners: partners.map((organisation) => ({ organisation, country: "DE" })) });
    proposalId.set(p.id, row.id);
  }
  const real = <T extends { proposalId: number; assessorId: number }>(c: T) => ({ proposalId: proposalId.get(c.proposalId)!, assessorId: assessorId.get(c.assessorId)! });
  for (const e of abstract.existing) makeAssignmentRow(real(e).proposalId, real(e).assessorId);
  for (const c of abstract.declared) makeAssignmentRow(real(c).proposalId, real(c).assessorId, { declaration: "conflict", details: "Knows the lead" });
  for (const r of abstract.removed) makeAssignmentRow(real(r).proposalId, real(r).assessorId, { removedAt: new Date() });
  const instance = {
    ...abstract,
    proposals: abstract.proposals.map((p) => ({ ...p, id: proposalId.get(p.id)! })),
    assessors: abstract.assessors.map((a) => ({ ...a, id: assessorId.get(a.id)! })),
    existing: abstract.existing.map(real),
    declared: abstract.declared.map(real),
    removed: abstract.removed.map(real),
    conflicts: abstract.conflicts.map(real),
    maxLoads: abstract.maxLoads?.map((m) => ({ assessorId: assessorId.get(m.assessorId)!, max: m.max })),
  };
  return { call, instance };
}

const rowsOf = (proposalIds: number[]) => getDb().select().from(assignments).all().filter((r) => proposalIds.includes(r.proposalId));

const snapshot = databaseSnapshot;

/** A job that holds a worker for about 2 s (400 steps of 5 ms). */
const slowSelfcheck: JobDefinition<"selfcheck"> = {
  kind: "selfcheck",
  permission: "ranking:read",
  dataVersion: async () => "hold",
  input: async () => ({ values: [1], steps: 400 }),
};

describe("assigning automatically through the app (LP in a background job)", () => {
  it("equals brute force on small random instances, and respects conflicts, gaps, maximums and the unassigned rule", async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const { call, instance } = await storeInstance(seed);
      const ids = instance.proposals.map((p) => p.id);
      const before = new Set(rowsOf(ids).map((r) => key(r.proposalId, r.assessorId)));
      const expected = bruteForce(instance);

      const report = expectOk(await autoAssignCall(manager, { callId: call.id }));
      const added = rowsOf(ids).filter((r) => !before.has(key(r.proposalId, r.assessorId)));
      let domain = 0;
      let theme = 0;
      for (const pair of added) {
        const p = instance.proposals.find((x) => x.id === pair.proposalId)!;
        const a = instance.assessors.find((x) => x.id === pair.assessorId)!;
        const match = expertiseMatch(a.expertise, p.domainId);
        if (match === "domain") domain++;
        if (match === "theme") theme++;
        // Conflicts are hard: nobody at a consortium organisation, nobody who declared one.
        expect(conflictReason(a, p, instance.declared), `seed ${seed}`).toBeNull();
        expect(pair).toMatchObject({ removedAt: null, conflictDeclaration: null, assignedBy: manager.id });
      }
      const rule = expected.step === LOAD_STEPS.length ? SHORTFALL_RULE : LOAD_STEPS[expected.step]!.rule;
      expect({ seed, domain, theme, filled: added.length, rule: report.loadRule }).toEqual({ seed, domain: expected.domain, theme: expected.theme, filled: expected.filled, rule });
      expect(report.added).toBe(added.length);

      // Only gaps are filled; nobody unassigned or conflicted comes back; no pair twice (unique index).
      const counted = (r: { removedAt: Date | null; conflictDeclaration: string | null }) => r.removedAt === null && r.conflictDeclaration !== "conflict";
      const orgConflicted = (r: { proposalId: number; assessorId: number }) =>
        conflictReason(instance.assessors.find((a) => a.id === r.assessorId)!, instance.proposals.find((p) => p.id === r.proposalId)!, []) !== null;
      for (const p of instance.proposals) {
        const scoring = rowsOf([p.id]).filter((r) => counted(r) && !orgConflicted(r)).length;
        const hadEnough = [...before].filter((k) => k.startsWith(`${p.id}:`)).length >= instance.required;
        if (!hadEnough) expect(scoring, `seed ${seed}: proposal ${p.id} over-filled`).toBeLessThanOrEqual(instance.required);
        expect(report.short.some((s) => s.proposalId === p.id)).toBe(scoring < instance.required);
      }
      for (const r of [...instance.removed, ...instance.declared]) {
        expect(rowsOf([r.proposalId]).find((x) => x.assessorId === r.assessorId)).toMatchObject({ proposalId: r.proposalId });
        expect(added.some((x) => x.proposalId === r.proposalId && x.assessorId === r.assessorId), `seed ${seed}: re-added`).toBe(false);
      }
      // Maximums: never more than an assessor accepted (what they already had counts).
      for (const m of instance.maxLoads ?? []) {
        const load = rowsOf(ids).filter((r) => r.assessorId === m.assessorId && counted(r) && !orgConflicted(r)).length;
        const had = instance.existing.filter((e) => e.assessorId === m.assessorId && !orgConflicted(e) && !instance.declared.some((d) => key(d.proposalId, d.assessorId) === key(e.proposalId, e.assessorId))).length;
        expect(load, `seed ${seed}: assessor ${m.assessorId} over their maximum`).toBeLessThanOrEqual(Math.max(m.max, had));
      }
    }
  }, 120_000);

  it("audits the run and each pair it added", async () => {
    const { call } = await storeInstance(5);
    const report = expectOk(await autoAssignCall(manager, { callId: call.id }));
    const log = getDb().select().from(auditLog).where(eq(auditLog.callId, call.id)).all();
    expect(log.filter((e) => e.action === "assignment.added" && e.detail.automatic === true)).toHaveLength(report.added);
    expect(log.find((e) => e.action === "assignment.automatic")?.detail).toMatchObject({ outcome: "completed", added: report.added, short: report.short.length });
  });

  it("refuses a bidder, an assessor and another agency's manager, and nothing changes", async () => {
    const { call } = await storeInstance(7);
    const [partner] = await getDb().insert(agencies).values({ kind: "partner", name: "Partner Agency Z", country: "KR", currency: "KRW" }).returning();
    const partnerManager = await makeUser("manager", { agencyId: partner!.id });
    const assessor = await makeUser("assessor");
    const before = snapshot();
    expectFailure(await autoAssignCall(bidder, { callId: call.id }), "forbidden");
    expectFailure(await autoAssignCall(assessor, { callId: call.id }), "forbidden");
    expectFailure(await autoAssignCall(partnerManager, { callId: call.id }), "not_found");
    expectFailure(await autoAssignCall(null, { callId: call.id }), "unauthenticated");
    expect(snapshot()).toBe(before);
  });

  it("stops at its time limit, says so and what to do, and changes nothing", async () => {
    const { call, instance } = await storeInstance(9);
    const before = JSON.stringify(rowsOf(instance.proposals.map((p) => p.id)));
    process.env.TANDEM_ASSIGNMENT_TIME_LIMIT_S = "0.000001";
    const failed = expectFailure(await autoAssignCall(manager, { callId: call.id }), "error");
    expect(failed.message).toMatch(/did not finish within its time limit .* Nothing was changed\. The server may be busy: try again/);
    expect(JSON.stringify(rowsOf(instance.proposals.map((p) => p.id)))).toBe(before);
    const log = getDb().select().from(auditLog).where(eq(auditLog.callId, call.id)).all();
    expect(log.find((e) => e.action === "assignment.automatic")?.detail).toMatchObject({ outcome: "failed", added: 0 });
  });

  it("writes nothing when the assignments changed while it ran, and says to run it again", async () => {
    const { call, instance } = await storeInstance(11);
    // A slow job takes the runner's one worker slot (JOBS_CONCURRENCY is 1), so the assignment
    // waits in the queue with its input already read: meanwhile another assessor is assigned.
    // (Waiting on the worker's start-up alone raced: a worker now starts in about 0.1 s.)
    const holder = await ensureJob(slowSelfcheck, call.id);
    const started = expectOk(await invokerOf(autoAssignAction)(manager, { callId: call.id }));
    makeAssignmentRow(instance.proposals[0]!.id, (await makeUser("assessor")).id);
    const after = JSON.stringify(rowsOf(instance.proposals.map((p) => p.id)));
    expect(await waitForJob(holder.running!.id)).toMatchObject({ status: "done" });
    const row = await waitForJob(started.jobId);
    expect(row).toMatchObject({ status: "failed" });
    expect(row!.error).toMatch(/changed while the assignment was being worked out.*Nothing was changed\. Run it again\./);
    expect(JSON.stringify(rowsOf(instance.proposals.map((p) => p.id)))).toBe(after);
  });
});
