/**
 * Releasing a joint call's decisions (lib/server/manage/joint.ts confirmRelease, decisions.ts
 * writeDecision): an agency confirms once both agencies have decided every proposal; a decision
 * recorded afterwards withdraws both confirmations when a joint outcome changes, only the deciding
 * agency's own when only its position or feedback changes, and none when nothing changes. Every
 * withdrawal is audited with its reason.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { agencies, type CallRow } from "@/db/schema";
import { invokerOf } from "@/lib/server/action";
import { confirmReleaseAction, recordDecisionAction } from "@/lib/server/actions/manage-actions";
import { getCallAuditLog } from "@/lib/server/manage/audit-log";
import { getJointCall } from "@/lib/server/manage/joint";
import type { Actor } from "@/lib/server/users";
import { makeProposal, makeRubricCall } from "../support/manage-factories";
import { makeUser, setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

const KIAT = "Korea Institute for Advancement of Technology";
let home: Actor;
let kiat: Actor;
let call: CallRow;
let p1: number;
let p2: number;

beforeAll(async () => {
  const [agency] = await getDb().insert(agencies).values({ kind: "partner", name: KIAT, country: "KR", currency: "KRW" }).returning();
  home = await makeUser("manager");
  kiat = await makeUser("manager", { agencyId: agency!.id });
  const bidder = await makeUser("bidder");
  call = makeRubricCall({ partnerAgencyId: agency!.id, partnerBudget: 2_000_000_000, partnerAssessorsRequired: 1, exchangeRate: 1750 });
  p1 = makeProposal(call.id, bidder, { title: "Proposal one", partners: [{ country: "KR" }] }).id;
  p2 = makeProposal(call.id, bidder, { title: "Proposal two", partners: [{ country: "KR" }] }).id;
});

const decide = (who: Actor, proposalId: number, outcome: "fund" | "reserve" | "reject", feedback: string) =>
  invokerOf(recordDecisionAction)(who, { proposalId, outcome, feedback });
const confirm = (who: Actor) => invokerOf(confirmReleaseAction)(who, { callId: call.id });
async function confirmed() {
  const view = (await getJointCall(home, call.id))!;
  return { home: view.release.confirmed.home !== null, partner: view.release.confirmed.partner !== null, released: view.release.releasedAt !== null };
}
async function withdrawals() {
  const log = (await getCallAuditLog(home, call.id))!;
  return log.entries.filter((e) => e.action === "release.confirmations-withdrawn").map((e) => e.summary);
}

describe("confirming a joint call's release", () => {
  it("is refused until both agencies have decided every proposal, naming the agency still deciding", async () => {
    expect((await decide(home, p1, "fund", "UK funds the UK partners.")).ok).toBe(true);
    expect((await decide(home, p2, "reject", "UK does not fund this one.")).ok).toBe(true);
    const early = await confirm(home);
    expect(early).toMatchObject({ ok: false, code: "invalid" });
    if (!early.ok) expect(early.message).toContain(`once ${KIAT} has decided every proposal too: 2 proposals still need its decision`);
    expect(await confirmed()).toEqual({ home: false, partner: false, released: false });

    expect((await decide(kiat, p1, "fund", "KIAT funds the Korean partner.")).ok).toBe(true);
    expect((await decide(kiat, p2, "reserve", "KIAT keeps this on its reserve list.")).ok).toBe(true);
    expect(await confirm(home)).toMatchObject({ ok: true, data: { released: false } });
    expect(await confirmed()).toEqual({ home: true, partner: false, released: false });
  });

  it("keeps the confirmations when a decision is saved again unchanged", async () => {
    expect((await decide(kiat, p1, "fund", "KIAT funds the Korean partner.")).ok).toBe(true);
    expect(await confirmed()).toEqual({ home: true, partner: false, released: false });
    expect(await withdrawals()).toEqual([]);
  });

  it("keeps the other agency's confirmation when one agency changes only its own position or feedback", async () => {
    // KIAT's feedback changes, and its reserve becomes a rejection where the UK already rejects: no joint outcome moves.
    expect((await decide(kiat, p1, "fund", "KIAT funds the Korean partner from 2027."))).toMatchObject({ ok: true });
    expect((await decide(kiat, p2, "reject", "KIAT does not fund this one."))).toMatchObject({ ok: true });
    expect(await confirmed()).toEqual({ home: true, partner: false, released: false });
    expect(await withdrawals()).toEqual([]);
  });

  it("withdraws only the deciding agency's own confirmation when it changes its feedback after confirming", async () => {
    // (Once both have confirmed, the decisions are out: so only one agency's confirmation can be standing here.)
    expect((await decide(home, p1, "fund", "UK funds the UK partners, subject to a grant agreement."))).toMatchObject({ ok: true });
    expect(await confirmed()).toEqual({ home: false, partner: false, released: false });
    expect(await withdrawals()).toEqual(["Innovate UK changed its decision or feedback, so it must confirm the release again"]);
  });

  it("withdraws both agencies' confirmations when a joint outcome changes", async () => {
    expect(await confirm(home)).toMatchObject({ ok: true, data: { released: false } });
    // KIAT now rejects proposal one: its joint outcome goes from fund to do not fund.
    expect((await decide(kiat, p1, "reject", "KIAT cannot fund the Korean partner."))).toMatchObject({ ok: true });
    expect(await confirmed()).toEqual({ home: false, partner: false, released: false });
    expect((await withdrawals())[0]).toBe(`The joint outcome changed, so Innovate UK must confirm the release again`);
    const view = (await getJointCall(kiat, call.id))!;
    expect(view.rows.find((r) => r.id === p1)).toMatchObject({ outcome: "reject", positionsDiffer: true });
  });

  it("releases once both confirm what now stands", async () => {
    expect(await confirm(kiat)).toMatchObject({ ok: true, data: { released: false } });
    expect(await confirm(home)).toMatchObject({ ok: true, data: { released: true } });
    expect(await confirmed()).toMatchObject({ released: true });
  });
});
