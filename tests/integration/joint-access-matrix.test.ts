/**
 * Who sees what across agencies: a generated matrix of every manager and assessor read and action,
 * for staff of the home agency, a partner agency and a second partner agency, against a home-only
 * call and a joint call with the first partner. Everything refused is refused in the data layer
 * and the permission table (not the page), and a refused action changes nothing in the database.
 */
import { eq } from "drizzle-orm";
import { copySlotsToCall } from "@/db/appendix-slots";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { agencies, appendixSlots, assessments, type CallRow } from "@/db/schema";
import { invokerOf } from "@/lib/server/action";
import * as appendixActions from "@/lib/server/actions/appendix-actions";
import * as appendixSlotActions from "@/lib/server/actions/appendix-slot-actions";
import * as assessmentActions from "@/lib/server/actions/assessment-actions";
import * as authActions from "@/lib/server/actions/auth-actions";
import * as calibrationActions from "@/lib/server/actions/calibration-actions";
import * as invitationActions from "@/lib/server/actions/invitation-actions";
import * as actions from "@/lib/server/actions/manage-actions";
import * as portfolioActions from "@/lib/server/actions/portfolio-actions";
import * as proposalActions from "@/lib/server/actions/proposal-actions";
import { getCallSlots } from "@/lib/server/manage/appendix-slots";
import { getAssignmentForAssessor } from "@/lib/server/assessments";
import { getInvitationBoard } from "@/lib/server/invitations";
import { getAssignmentBoard } from "@/lib/server/manage/assignments";
import { getCallAuditLog } from "@/lib/server/manage/audit-log";
import { getCallForm, getCallOverview, listManagedCalls } from "@/lib/server/manage/calls-admin";
import { rankingCsv, scoresCsv } from "@/lib/server/manage/csv";
import { getJointCall } from "@/lib/server/manage/joint";
import { getCallRanking } from "@/lib/server/manage/ranking";
import { getProposalReview } from "@/lib/server/manage/review";
import { listAgencies } from "@/lib/server/manage/agencies-admin";
import { listStaff } from "@/lib/server/manage/people";
import type { Actor } from "@/lib/server/users";
import { rankingFiltersSchema } from "@/lib/validation/manage";
import { makeAssessmentRow, makeAssignmentRow, makeProposal, makeRubricCall } from "../support/manage-factories";
import { databaseSnapshot, makeUser, setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

type Who = "homeManager" | "partnerManager" | "otherPartnerManager" | "homeAssessor" | "partnerAssessor" | "otherPartnerAssessor";
const WHO: Who[] = ["homeManager", "partnerManager", "otherPartnerManager", "homeAssessor", "partnerAssessor", "otherPartnerAssessor"];

let people: Record<Who, Actor>;
let homeCall: CallRow;
let jointCall: CallRow;
const proposalOf: Record<"home" | "joint", number> = { home: 0, joint: 0 };
const assessmentOf: Record<"homeAssessor" | "partnerAssessor", number> = { homeAssessor: 0, partnerAssessor: 0 };
/** Each assessor's assignment to the joint call's proposal. */
const assignmentOf: Record<"homeAssessor" | "partnerAssessor", number> = { homeAssessor: 0, partnerAssessor: 0 };

beforeAll(async () => {
  const db = getDb();
  const [a] = await db.insert(agencies).values({ kind: "partner", name: "Partner Agency A", country: "KR", currency: "KRW" }).returning();
  const [b] = await db.insert(agencies).values({ kind: "partner", name: "Partner Agency B", country: "CA", currency: "CAD" }).returning();
  people = {
    homeManager: await makeUser("manager"),
    partnerManager: await makeUser("manager", { agencyId: a!.id }),
    otherPartnerManager: await makeUser("manager", { agencyId: b!.id }),
    homeAssessor: await makeUser("assessor"),
    partnerAssessor: await makeUser("assessor", { agencyId: a!.id }),
    otherPartnerAssessor: await makeUser("assessor", { agencyId: b!.id }),
  };
  const bidder = await makeUser("bidder");
  homeCall = makeRubricCall();
  jointCall = makeRubricCall({ partnerAgencyId: a!.id, partnerBudget: 2_000_000_000, partnerAssessorsRequired: 1, exchangeRate: 1750, assessorsRequired: 1 });
  proposalOf.home = makeProposal(homeCall.id, bidder).id;
  proposalOf.joint = makeProposal(jointCall.id, bidder, { partners: [{ country: "KR" }] }).id;
  makeAssessmentRow(makeAssignmentRow(proposalOf.home, people.homeAssessor.id).id, 7);
  assignmentOf.homeAssessor = makeAssignmentRow(proposalOf.joint, people.homeAssessor.id).id;
  assignmentOf.partnerAssessor = makeAssignmentRow(proposalOf.joint, people.partnerAssessor.id).id;
  assessmentOf.homeAssessor = makeAssessmentRow(assignmentOf.homeAssessor, 8).id;
  assessmentOf.partnerAssessor = makeAssessmentRow(assignmentOf.partnerAssessor, 4).id;
  // A private comment for the funder, which only the assessor's own agency may read.
  await db
    .update(assessments)
    .set({ values: { ...(await db.select().from(assessments).where(eq(assessments.id, assessmentOf.partnerAssessor)))[0]!.values, privateComment: "KIAT-ONLY NOTE" } })
    .where(eq(assessments.id, assessmentOf.partnerAssessor));
});

const snapshot = databaseSnapshot;

const isManager = (who: Who) => who.endsWith("Manager");
/** The rule under test: the home agency's managers see every call; a partner's only its joint calls. */
function maySee(who: Who, call: "home" | "joint"): boolean {
  if (!isManager(who)) return false;
  if (who === "homeManager") return true;
  return who === "partnerManager" && call === "joint";
}
const callOf = (c: "home" | "joint") => (c === "home" ? homeCall : jointCall);

type Read = (actor: Actor, call: CallRow, proposalId: number) => Promise<unknown>;
const READS: Record<string, Read> = {
  overview: (actor, call) => getCallOverview(actor, call.id),
  assignmentBoard: (actor, call) => getAssignmentBoard(actor, call.id),
  ranking: (actor, call) => getCallRanking(actor, call.id, rankingFiltersSchema.parse({})),
  proposalReview: (actor, call, proposalId) => getProposalReview(actor, call.id, proposalId),
  auditLog: (actor, call) => getCallAuditLog(actor, call.id),
  rankingCsv: (actor, call) => rankingCsv(actor, call.id),
  scoresCsv: (actor, call) => scoresCsv(actor, call.id),
  invitationBoard: (actor, call) => getInvitationBoard(actor, call.id),
  appendixSlots: (actor, call) => getCallSlots(actor, call.id),
};

describe("reads of a call, by agency", () => {
  for (const who of WHO) {
    for (const c of ["home", "joint"] as const) {
      for (const [name, read] of Object.entries(READS)) {
        const expected = maySee(who, c);
        it(`${who} ${expected ? "reads" : "is refused"} ${name} of the ${c} call`, async () => {
          const result = await read(people[who], callOf(c), proposalOf[c]);
          if (expected) expect(result).not.toBeNull();
          else expect(result).toBeNull();
        });
      }
      it(`${who} ${maySee(who, c) ? "finds" : "does not find"} the ${c} call in the list of calls`, async () => {
        const list = (await listManagedCalls(people[who])) ?? [];
        expect(list.some((l) => l.id === callOf(c).id)).toBe(maySee(who, c));
      });
    }
    it(`${who} ${who === "homeManager" || who === "partnerManager" ? "reads" : "is refused"} the joint call's three rankings`, async () => {
      const view = await getJointCall(people[who], jointCall.id);
      expect(view !== null).toBe(who === "homeManager" || who === "partnerManager");
    });
    it(`${who} ${who === "homeManager" ? "changes" : "is refused"} call settings and the list of agencies`, async () => {
      expect((await getCallForm(people[who], jointCall.id)) !== null).toBe(who === "homeManager");
      expect((await listAgencies(people[who])) !== null).toBe(who === "homeManager");
    });
  }
});

describe("assessors see only their own assignments, whatever the agency", () => {
  for (const who of WHO) {
    for (const owner of ["homeAssessor", "partnerAssessor"] as const) {
      const own = who === owner;
      it(`${who} ${own ? "reads" : "is refused"} ${owner}'s assignment on the joint call`, async () => {
        expect((await getAssignmentForAssessor(people[who], assignmentOf[owner])) !== null).toBe(own);
      });
    }
  }
});

describe("staff accounts and assessor identities stay within their agency", () => {
  it("lists only the manager's own agency's staff", async () => {
    for (const who of ["homeManager", "partnerManager", "otherPartnerManager"] as const) {
      const staff = (await listStaff(people[who]))!;
      const agencyId = people[who].agency!.id;
      expect(staff.length).toBeGreaterThan(0);
      for (const s of staff) expect(WHO.filter((w) => people[w].id === s.id).every((w) => people[w].agency!.id === agencyId)).toBe(true);
    }
  });

  it("shows both agencies' scores on a joint call, but another agency's assessor only anonymously and never their private comment", async () => {
    const home = (await getProposalReview(people.homeManager, jointCall.id, proposalOf.joint))!;
    const partner = (await getProposalReview(people.partnerManager, jointCall.id, proposalOf.joint))!;
    expect(home.assessments).toHaveLength(2);
    expect(partner.assessments).toHaveLength(2);
    expect(JSON.stringify(home)).not.toContain(people.partnerAssessor.name);
    expect(JSON.stringify(home)).not.toContain("KIAT-ONLY NOTE");
    expect(JSON.stringify(partner)).toContain("KIAT-ONLY NOTE");
    expect(JSON.stringify(partner)).not.toContain(people.homeAssessor.name);
    const board = (await getAssignmentBoard(people.partnerManager, jointCall.id))!;
    expect(JSON.stringify(board)).not.toContain(people.homeAssessor.name);
    const scores = (await scoresCsv(people.partnerManager, jointCall.id))!;
    expect(scores.body).not.toContain(people.homeAssessor.name);
    const log = (await getCallAuditLog(people.homeManager, jointCall.id))!;
    expect(JSON.stringify(log)).not.toContain(people.partnerAssessor.name);
  });
});

type Write = (actor: Actor, c: "home" | "joint") => Promise<{ ok: boolean }>;
const WRITES: Record<string, { may: (who: Who, c: "home" | "joint") => boolean; run: Write }> = {
  "assign another agency's assessor": {
    may: () => false,
    run: (actor, c) =>
      invokerOf(actions.assignAssessorAction)(actor, {
        proposalId: proposalOf[c],
        assessorId: actor.agency?.kind === "home" ? people.otherPartnerAssessor.id : people.homeAssessor.id,
      }),
  },
  "unassign another agency's assessor": {
    may: () => false,
    run: (actor, c) =>
      invokerOf(actions.unassignAssessorAction)(actor, {
        proposalId: proposalOf[c],
        assessorId: actor.agency?.id === people.homeManager.agency!.id ? people.partnerAssessor.id : people.homeAssessor.id,
        confirmed: true,
      }),
  },
  "reopen another agency's assessment": {
    may: () => false,
    run: (actor) =>
      invokerOf(assessmentActions.reopenAssessmentAction)(actor, {
        assessmentId: actor.agency?.id === people.homeManager.agency!.id ? assessmentOf.partnerAssessor : assessmentOf.homeAssessor,
        reason: "matrix",
      }),
  },
  "assign automatically": { may: maySee, run: (actor, c) => invokerOf(actions.autoAssignAction)(actor, { callId: callOf(c).id }) },
  "record a decision": {
    may: maySee,
    run: (actor, c) => invokerOf(actions.recordDecisionAction)(actor, { proposalId: proposalOf[c], outcome: "reserve", feedback: "Matrix feedback" }),
  },
  "release decisions (home-only)": {
    may: (who, c) => who === "homeManager" && c === "home",
    run: (actor, c) => invokerOf(actions.releaseDecisionsAction)(actor, { callId: callOf(c).id }),
  },
  "confirm a joint release": { may: (who, c) => maySee(who, c) && c === "joint", run: (actor, c) => invokerOf(actions.confirmReleaseAction)(actor, { callId: callOf(c).id }) },
  "change call settings": {
    may: (who) => who === "homeManager",
    run: (actor, c) => invokerOf(actions.updateCallAction)(actor, { callId: callOf(c).id, values: {} }),
  },
  "create a partner agency": {
    may: (who) => who === "homeManager",
    run: (actor) =>
      invokerOf(actions.createPartnerAgencyAction)(actor, { name: `Agency ${actor.id}`, country: "JP", currency: "JPY", managerName: "M", managerEmail: `m${actor.id}@x.test` }),
  },
  "issue a password link for another agency's staff": {
    may: () => false,
    run: (actor) =>
      invokerOf(actions.issuePasswordLinkAction)(actor, { userId: actor.agency?.kind === "home" ? people.partnerManager.id : people.homeManager.id }),
  },
  "invite another agency's assessor": {
    may: () => false,
    run: (actor, c) =>
      invokerOf(invitationActions.inviteAssessorsAction)(actor, {
        callId: callOf(c).id,
        assessorIds: [actor.agency?.kind === "home" ? people.partnerAssessor.id : people.homeAssessor.id],
      }),
  },
  "declare a conflict on another assessor's assignment": {
    may: () => false,
    run: (actor) =>
      invokerOf(assessmentActions.declareConflictAction)(actor, {
        assignmentId: actor.id === people.homeAssessor.id ? assignmentOf.partnerAssessor : assignmentOf.homeAssessor,
        declaration: "none",
      }),
  },
  "save a draft of another assessor's assessment": {
    may: () => false,
    run: (actor) =>
      invokerOf(assessmentActions.saveAssessmentDraftAction)(actor, {
        assignmentId: actor.id === people.homeAssessor.id ? assignmentOf.partnerAssessor : assignmentOf.homeAssessor,
        baseVersion: 1,
        values: {},
      }),
  },
  "turn the lottery on (home-only calls)": {
    may: (who, c) => who === "homeManager" && c === "home",
    run: (actor, c) => invokerOf(calibrationActions.setLotteryAction)(actor, { callId: callOf(c).id, enabled: true }),
  },
  "save an optimiser scenario (home-only calls)": {
    may: (who, c) => who === "homeManager" && c === "home",
    run: (actor, c) =>
      invokerOf(portfolioActions.saveScenarioAction)(actor, {
        callId: callOf(c).id,
        values: { name: "Matrix", budget: "1000000", qualityMeasure: "raw", rules: [], pins: [], exclusions: [] },
      }),
  },
};

describe("actions, by agency: refusals change nothing", () => {
  for (const who of WHO) {
    for (const c of ["home", "joint"] as const) {
      for (const [name, write] of Object.entries(WRITES)) {
        if (write.may(who, c)) continue;
        it(`${who} is refused: ${name} on the ${c} call, and nothing changes`, async () => {
          const before = snapshot();
          const result = await write.run(people[who], c);
          expect(result.ok).toBe(false);
          expect(snapshot()).toBe(before);
        });
      }
    }
  }
});

/**
 * Every server action, by what it acts on. Every action made by serverAction() or publicAction()
 * in every "use server" module must be listed (checked below), so a new action is classified when
 * it is added. "call set-up" actions change a call's configuration (details, budgets, partner,
 * rubric, appendix slots), which is the home agency's alone: each is run below by every manager
 * and assessor against an open joint call and an open home-only call, with input the home
 * manager's own run then shows to be valid. (A set-up action left on a general permission, as the
 * appendix slots once were, fails here: the partner manager's run succeeds.)
 */
const ACTION_KIND = {
  createCallAction: "call set-up",
  updateCallAction: "call set-up",
  addAppendixSlotAction: "call set-up",
  removeAppendixSlotAction: "call set-up",
  // Each agency's managers, on their own side of the calls their agency takes part in (WRITES above).
  assignAssessorAction: "own agency's side",
  unassignAssessorAction: "own agency's side",
  autoAssignAction: "own agency's side",
  inviteAssessorsAction: "own agency's side",
  reopenAssessmentAction: "own agency's side",
  recordDecisionAction: "own agency's side",
  confirmReleaseAction: "own agency's side",
  retryCalibrationAction: "own agency's side",
  createPersonAction: "own agency's side",
  issuePasswordLinkAction: "own agency's side",
  setAccountDisabledAction: "own agency's side",
  // Refused on every joint call (each agency decides for itself; one budget, one currency).
  releaseDecisionsAction: "home-only calls",
  setLotteryAction: "home-only calls",
  commitLotteryAction: "home-only calls",
  drawLotteryAction: "home-only calls",
  redoLotteryAction: "home-only calls",
  saveScenarioAction: "home-only calls",
  adoptScenarioAction: "home-only calls",
  createPartnerAgencyAction: "home agency",
  // Not a manager's: bidders' and assessors' own records, one's own account.
  startProposal: "bidder",
  saveProposalDraftAction: "bidder",
  submitProposalAction: "bidder",
  reopenProposalAction: "bidder",
  completeSectionAction: "bidder",
  uploadAppendixAction: "bidder",
  removeAppendixAction: "bidder",
  markAppendixAction: "bidder",
  declareConflictAction: "assessor",
  saveAssessmentDraftAction: "assessor",
  submitAssessmentAction: "assessor",
  respondToInvitationAction: "assessor",
  endAllSessionsAction: "own account",
  setPasswordAction: "own account",
} as const;

const ACTION_MODULES = [appendixActions, appendixSlotActions, assessmentActions, authActions, calibrationActions, invitationActions, actions, portfolioActions, proposalActions];

/** Names of the exports made by serverAction()/publicAction() (the plain-form adapters over them are not). */
function wrappedActionNames(): string[] {
  return ACTION_MODULES.flatMap((module) =>
    Object.entries(module)
      .filter(([, value]) => {
        try {
          invokerOf(value as never);
          return true;
        } catch {
          return false;
        }
      })
      .map(([name]) => name),
  );
}

describe("every action is in the matrix", () => {
  it("classifies every server action, so a new one cannot be left out", () => {
    const names = wrappedActionNames();
    expect(names.length).toBeGreaterThan(30);
    expect(names.filter((n) => !(n in ACTION_KIND))).toEqual([]);
    expect(Object.keys(ACTION_KIND).filter((n) => !names.includes(n))).toEqual([]);
  });
});

type SetUpAction = { [K in keyof typeof ACTION_KIND]: (typeof ACTION_KIND)[K] extends "call set-up" ? K : never }[keyof typeof ACTION_KIND];

describe("call set-up is the home agency's alone, on joint calls too", () => {
  const open: Record<"home" | "joint", CallRow> = {} as never;
  let formValues: NonNullable<Awaited<ReturnType<typeof getCallForm>>>["values"];

  beforeAll(async () => {
    const partnerAgencyId = people.partnerManager.agency!.id;
    open.home = makeRubricCall({ open: true });
    open.joint = makeRubricCall({ open: true, partnerAgencyId, partnerBudget: 2_000_000_000, partnerAssessorsRequired: 1, exchangeRate: 1750 });
    copySlotsToCall(getDb(), open.home.id);
    copySlotsToCall(getDb(), open.joint.id);
    formValues = (await getCallForm(people.homeManager, open.joint.id))!.values;
  });

  const planSlot = (call: CallRow) =>
    getDb().select().from(appendixSlots).where(eq(appendixSlots.callId, call.id)).all().find((slot) => slot.key === "project-plan")!;

  /** Valid input for each set-up action: the home manager's run of each (last) succeeds. */
  const SET_UP: Record<SetUpAction, (actor: Actor, call: CallRow) => Promise<{ ok: boolean }>> = {
    createCallAction: (actor) => invokerOf(actions.createCallAction)(actor, { ...formValues, title: `Created by ${actor.name}` }),
    updateCallAction: (actor, call) =>
      invokerOf(actions.updateCallAction)(actor, {
        callId: call.id,
        values: { ...formValues, partnerAgencyId: call.partnerAgencyId === null ? "" : formValues.partnerAgencyId, title: `Changed by ${actor.name}`, budget: "999999" },
      }),
    addAppendixSlotAction: (actor, call) =>
      invokerOf(appendixSlotActions.addAppendixSlotAction)(actor, {
        callId: call.id,
        values: { name: "Partner's national context", hint: "", required: "no", allowedTypes: ["pdf"], maxMegabytes: "5", maxFiles: "1", perPartner: false },
      }),
    removeAppendixSlotAction: (actor, call) => invokerOf(appendixSlotActions.removeAppendixSlotAction)(actor, { callId: call.id, slotId: planSlot(call).id }),
  };

  for (const who of WHO.filter((w) => w !== "homeManager")) {
    for (const c of ["home", "joint"] as const) {
      for (const [name, run] of Object.entries(SET_UP)) {
        it(`${who} is refused ${name} on the open ${c} call, and nothing changes`, async () => {
          const before = snapshot();
          expect((await run(people[who], open[c])).ok).toBe(false);
          expect(snapshot()).toBe(before);
        });
      }
    }
  }

  it("offers the partner manager the joint call's appendix slots to read, not to change", async () => {
    expect((await getCallSlots(people.partnerManager, open.joint.id))!.editable).toBe(false);
    expect((await getCallSlots(people.homeManager, open.joint.id))!.editable).toBe(true);
    expect(await getCallSlots(people.otherPartnerManager, open.joint.id)).toBeNull();
  });

  it("lets the home manager make every one of those changes to the joint call (so the refused input was valid)", async () => {
    for (const [name, run] of Object.entries(SET_UP)) {
      const result = await run(people.homeManager, open.joint);
      expect({ name, ok: result.ok }).toEqual({ name, ok: true });
    }
  });
});

describe("the joint call's decisions", () => {
  it("releases only when both agencies have confirmed, and a changed decision withdraws the confirmations", async () => {
    const decide = (who: Who, outcome: "fund" | "reserve" | "reject") =>
      invokerOf(actions.recordDecisionAction)(people[who], { proposalId: proposalOf.joint, outcome, feedback: `${who} feedback` });
    const confirm = (who: Who) => invokerOf(actions.confirmReleaseAction)(people[who], { callId: jointCall.id });
    expect((await decide("homeManager", "fund")).ok).toBe(true);
    expect((await confirm("partnerManager")).ok).toBe(false); // the partner has not decided yet
    expect((await decide("partnerManager", "fund")).ok).toBe(true);
    expect(await confirm("homeManager")).toMatchObject({ ok: true, data: { released: false } });
    // The partner changes its mind: the home confirmation is withdrawn.
    expect((await decide("partnerManager", "reserve")).ok).toBe(true);
    let view = (await getJointCall(people.homeManager, jointCall.id))!;
    expect(view.release.confirmed.home).toBeNull();
    expect(view.rows[0]).toMatchObject({ outcome: "reserve", positionsDiffer: true });
    expect(await confirm("partnerManager")).toMatchObject({ ok: true, data: { released: false } });
    expect(await confirm("homeManager")).toMatchObject({ ok: true, data: { released: true } });
    view = (await getJointCall(people.partnerManager, jointCall.id))!;
    expect(view.release.releasedAt).not.toBeNull();
    const csv = (await rankingCsv(people.partnerManager, jointCall.id))!;
    expect(csv.body).toContain("Grant requested from Partner Agency A (KRW)");
    expect(csv.body).toContain("Reserve list");
  });
});
