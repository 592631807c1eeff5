/**
 * Property-based tests (fast-check) of every server action built with serverAction/publicAction,
 * on a real SQLite file (issue 11). For inputs generated from near-valid shapes and from anything
 * at all, by every role and by nobody:
 * - no unexpected error escapes (no throw, no "error" result);
 * - a refused call changes no row;
 * - an accepted call changes only rows it may change: a bidder's only their own proposals, an
 *   assessor's only their own assignments and assessments, and every new audit row names the actor.
 * Sized to run in seconds: a few dozen runs per action.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { copySlotsToCall } from "@/db/appendix-slots";
import { getDb, getSqlite } from "@/db/client";
import { makeDemoPdf } from "@/db/demo-pdf";
import type { ActionResult } from "@/lib/action-result";
import { invokerOf, type ServerAction } from "@/lib/server/action";
import * as appendixActions from "@/lib/server/actions/appendix-actions";
import * as appendixSlotActions from "@/lib/server/actions/appendix-slot-actions";
import * as assessmentActions from "@/lib/server/actions/assessment-actions";
import * as authActions from "@/lib/server/actions/auth-actions";
import * as calibrationActions from "@/lib/server/actions/calibration-actions";
import * as invitationActions from "@/lib/server/actions/invitation-actions";
import * as manageActions from "@/lib/server/actions/manage-actions";
import * as portfolioActions from "@/lib/server/actions/portfolio-actions";
import * as proposalActions from "@/lib/server/actions/proposal-actions";
import { waitForJob } from "@/lib/server/jobs";
import type { Actor } from "@/lib/server/users";
import * as actions from "../support/actions";
import { makeAssessmentCall, makeSubmittedProposal, makeAssignment } from "../support/assessment-factories";
import { completeAnswers, makeCall, makeUser, setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

const TABLES = [
  "users", "calls", "proposals", "assignments", "assessments", "decisions", "audit_log", "password_tokens", "rubric_criteria",
  "portfolio_scenarios", "lotteries", "background_jobs", "appendix_slots", "appendix_files", "invitations", "agencies",
  "release_confirmations",
];

/**
 * Every export of every "use server" module. All but these few are made by serverAction() or
 * publicAction(), and each of those is tested below, so a new action cannot be left out.
 * Sign-in, registration and sign-out call next-auth's own signIn/signOut (tested in the browser and
 * in hardening-accounts); startProposalAction and the …Form functions are plain-<form> adapters
 * over the wrapped actions of the same module.
 */
const ACTION_MODULES = {
  appendixActions,
  appendixSlotActions,
  assessmentActions,
  authActions,
  calibrationActions,
  invitationActions,
  manageActions,
  portfolioActions,
  proposalActions,
};
const NOT_WRAPPED = [
  "signInAction",
  "registerAction",
  "signOutAction",
  "startProposalAction",
  "uploadAppendixForm",
  "removeAppendixForm",
  "markAppendixForm",
  "addAppendixSlotForm",
  "removeAppendixSlotForm",
  "inviteAssessorsForm",
  "assignAssessorForm",
];
const EXPORTS = Object.values(ACTION_MODULES).flatMap((module) => Object.entries(module));

type Snapshot = Record<string, Map<number, string>>;

function snapshot(): Snapshot {
  const sqlite = getSqlite();
  const out: Snapshot = {};
  for (const table of TABLES) {
    const rows = sqlite.prepare(`select * from ${table}`).all() as { id: number }[];
    out[table] = new Map(rows.map((r) => [r.id, JSON.stringify(r)]));
  }
  return out;
}

/** Rows added, removed or changed, per table, as [id, before, after]. */
function changes(before: Snapshot, after: Snapshot) {
  const out: { table: string; id: number; before?: Record<string, unknown>; after?: Record<string, unknown> }[] = [];
  for (const table of TABLES) {
    const ids = new Set([...before[table]!.keys(), ...after[table]!.keys()]);
    for (const id of ids) {
      const b = before[table]!.get(id);
      const a = after[table]!.get(id);
      if (a !== b) out.push({ table, id, before: b ? JSON.parse(b) : undefined, after: a ? JSON.parse(a) : undefined });
    }
  }
  return out;
}

let bidder: Actor;
let otherBidder: Actor;
let assessor: Actor;
let manager: Actor;
let ids: { openCall: number; closedCall: number; ownProposal: number; otherProposal: number; assignment: number; submitted: number };

beforeAll(async () => {
  bidder = await makeUser("bidder");
  otherBidder = await makeUser("bidder");
  assessor = await makeUser("assessor");
  manager = await makeUser("manager");
  const openCall = makeCall().id;
  copySlotsToCall(getDb(), openCall);
  const own = await actions.startProposal(bidder, { callId: openCall });
  const other = await actions.startProposal(otherBidder, { callId: openCall });
  if (!own.ok || !other.ok) throw new Error("setup failed");
  const closed = makeAssessmentCall();
  const submitted = makeSubmittedProposal(closed.id, otherBidder);
  const assignment = makeAssignment(submitted.id, assessor.id);
  ids = { openCall, closedCall: closed.id, ownProposal: own.data.id, otherProposal: other.data.id, assignment: assignment.id, submitted: submitted.id };
  const invited = await actions.inviteAssessors(manager, { callId: closed.id, assessorIds: [assessor.id] });
  if (!invited.ok) throw new Error("setup failed");
});

const smallId = () => fc.oneof(fc.constantFrom(ids.openCall, ids.closedCall, ids.ownProposal, ids.otherProposal, ids.assignment, ids.submitted), fc.integer({ min: -3, max: 50 }));
const junk = fc.oneof(fc.anything(), fc.string(), fc.constant(null), fc.constant(undefined), fc.integer(), fc.array(fc.anything(), { maxLength: 3 }));
const slotKeyish = fc.oneof(fc.constantFrom("project-plan", "letters-of-support", "nope"), fc.string({ maxLength: 12 }));
const textish = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom("", "\u200B", "\u202Eevil", "-0", "7", "Cafe\u0301"), junk);

/** Near-valid inputs for each action, mixed with anything at all. */
function nearValid(): Record<string, fc.Arbitrary<unknown>> {
  return {
    startProposal: fc.record({ callId: smallId() }),
    saveProposalDraftAction: fc.record({
      proposalId: smallId(),
      baseVersion: fc.integer({ min: 0, max: 5 }),
      answers: fc.oneof(fc.constant(completeAnswers()), fc.record({ project: fc.record({ title: textish, summary: textish }) }), junk),
      overwrite: fc.oneof(fc.boolean(), junk),
      saveId: fc.oneof(fc.uuid(), junk),
      unconfirmed: fc.oneof(fc.array(fc.uuid(), { maxLength: 3 }), junk),
    }),
    submitProposalAction: fc.record({ proposalId: smallId(), baseVersion: fc.integer({ min: 0, max: 5 }), answers: fc.oneof(fc.constant(completeAnswers()), junk) }),
    reopenProposalAction: fc.record({ proposalId: smallId() }),
    declareConflictAction: fc.record({ assignmentId: smallId(), declaration: fc.oneof(fc.constantFrom("none", "conflict"), junk), details: textish }),
    saveAssessmentDraftAction: fc.record({ assignmentId: smallId(), baseVersion: fc.integer({ min: 0, max: 3 }), values: fc.oneof(fc.record({ scores: fc.dictionary(fc.string({ maxLength: 12 }), textish) }), junk) }),
    submitAssessmentAction: fc.record({ assignmentId: smallId(), baseVersion: fc.integer({ min: 0, max: 3 }), values: junk }),
    reopenAssessmentAction: fc.record({ assessmentId: smallId(), reason: textish }),
    createCallAction: fc.record({ title: textish, description: textish, budget: textish }),
    updateCallAction: fc.record({ callId: smallId(), values: junk }),
    assignAssessorAction: fc.record({ proposalId: smallId(), assessorId: smallId() }),
    unassignAssessorAction: fc.record({ proposalId: smallId(), assessorId: smallId() }),
    autoAssignAction: fc.record({ callId: smallId() }),
    recordDecisionAction: fc.record({ callId: smallId(), proposalId: smallId(), outcome: fc.oneof(fc.constantFrom("fund", "reserve", "reject"), junk), feedback: textish }),
    releaseDecisionsAction: fc.record({ callId: smallId() }),
    createPersonAction: fc.record({ role: fc.oneof(fc.constantFrom("assessor", "manager"), junk), name: textish, email: fc.oneof(fc.emailAddress(), junk), organisation: textish, country: fc.constantFrom("GB", "DE", "XX"), expertise: fc.array(fc.constantFrom("robotics", "nope"), { maxLength: 2 }) }),
    issuePasswordLinkAction: fc.record({ userId: smallId() }),
    setPasswordAction: fc.record({ token: textish, password: textish, confirmPassword: textish }),
    setAccountDisabledAction: fc.record({ userId: smallId(), disabled: fc.oneof(fc.boolean(), junk) }),
    setLotteryAction: fc.record({ callId: smallId(), enabled: fc.oneof(fc.boolean(), junk) }),
    commitLotteryAction: fc.record({ callId: smallId() }),
    drawLotteryAction: fc.record({ callId: smallId(), lotteryId: fc.oneof(smallId(), junk) }),
    redoLotteryAction: fc.record({ callId: smallId(), reason: fc.oneof(fc.constant("The seed was shown before the draw."), textish) }),
    retryCalibrationAction: fc.record({ callId: smallId() }),
    saveScenarioAction: fc.record({
      callId: smallId(),
      scenarioId: fc.oneof(fc.constant(undefined), smallId()),
      values: fc.oneof(
        fc.record({
          name: textish,
          budget: fc.oneof(fc.constantFrom("250000", "£1,000,000", "0", "-5"), junk),
          qualityMeasure: fc.oneof(fc.constantFrom("raw", "calibrated"), junk),
          rules: fc.oneof(fc.constant([]), fc.constant([{ dimension: "theme", group: "net-zero", bound: "min", measure: "share", value: 30 }]), junk),
          pins: fc.oneof(fc.constant([]), fc.constant([{ proposalId: ids.submitted, reason: "Strategic" }]), junk),
          exclusions: fc.oneof(fc.constant([]), junk),
        }),
        junk,
      ),
    }),
    endAllSessionsAction: fc.oneof(fc.constant({}), fc.record({ userId: smallId() })),
    adoptScenarioAction: fc.record({ callId: smallId(), scenarioId: smallId(), reserves: fc.oneof(fc.integer({ min: -1, max: 60 }), junk) }),
    completeSectionAction: fc.record({
      proposalId: smallId(),
      baseVersion: fc.integer({ min: 0, max: 5 }),
      answers: fc.oneof(fc.constant(completeAnswers()), fc.record({ project: fc.record({ title: textish }) }), junk),
      sectionKey: fc.oneof(fc.constantFrom("project", "risk", "nope"), junk),
      completed: fc.oneof(fc.constantFrom("yes", "no"), junk),
    }),
    uploadAppendixAction: fc.record({
      proposalId: smallId(),
      slotKey: slotKeyish,
      file: fc.oneof(
        fc.constant(null),
        fc.record({
          name: fc.oneof(fc.constantFrom("plan.pdf", "plan.exe", "../../etc/passwd"), fc.string({ maxLength: 20 })),
          size: fc.integer({ min: -1, max: 30 * 1024 * 1024 }),
          bytes: fc.oneof(fc.constant(new Uint8Array(makeDemoPdf(["Plan"]))), fc.uint8Array({ maxLength: 64 }), fc.constant(null)),
        }),
        junk,
      ),
    }),
    removeAppendixAction: fc.record({ proposalId: smallId(), fileId: smallId() }),
    markAppendixAction: fc.record({ proposalId: smallId(), slotKey: slotKeyish, completed: fc.oneof(fc.constantFrom("yes", "no"), junk) }),
    addAppendixSlotAction: fc.record({
      callId: smallId(),
      values: fc.oneof(
        fc.record({
          name: textish,
          hint: textish,
          required: fc.oneof(fc.constantFrom("yes", "no"), junk),
          allowedTypes: fc.oneof(fc.constant(["pdf"]), fc.constant(["pdf", "exe"]), junk),
          maxMegabytes: fc.oneof(fc.constantFrom("1", "10", "99", "-1"), junk),
          maxFiles: fc.oneof(fc.constantFrom("1", "3", "0"), junk),
          perPartner: fc.oneof(fc.boolean(), junk),
        }),
        junk,
      ),
    }),
    removeAppendixSlotAction: fc.record({ callId: smallId(), slotId: smallId() }),
    inviteAssessorsAction: fc.record({ callId: smallId(), assessorIds: fc.oneof(fc.array(smallId(), { maxLength: 3 }), junk) }),
    respondToInvitationAction: fc.record({
      invitationId: smallId(),
      values: fc.oneof(
        fc.record({
          response: fc.oneof(fc.constantFrom("accept", "decline", ""), junk),
          maxProposals: fc.oneof(fc.constantFrom("", "3", "x", "0"), junk),
          declineReason: fc.oneof(fc.constantFrom("", "time", "other", "nope"), junk),
          declineDetails: textish,
        }),
        junk,
      ),
    }),
    createPartnerAgencyAction: fc.record({
      name: textish,
      country: fc.oneof(fc.constantFrom("KR", "DE", "GB", "EU", "XX"), junk),
      currency: fc.oneof(fc.constantFrom("KRW", "EUR", "GBP", "XXX"), junk),
      managerName: textish,
      managerEmail: fc.oneof(fc.emailAddress(), junk),
      managerOrganisation: textish,
    }),
    confirmReleaseAction: fc.record({ callId: smallId() }),
  };
}

function inputsFor(name: string): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: nearValid()[name] ?? junk }, { weight: 1, arbitrary: junk });
}

type Invoker = (actor: Actor | null, raw: unknown, now?: Date) => Promise<ActionResult<unknown>>;

const INVOKERS: [string, Invoker][] = EXPORTS.filter(([name]) => !NOT_WRAPPED.includes(name)).map(([name, fn]) => [
  name,
  invokerOf(fn as ServerAction<unknown>) as Invoker,
]);

/** Background jobs an accepted call started (a scenario's solve, a calibration fit) finish first. */
async function settleJobs() {
  const pending = getSqlite().prepare("select id from background_jobs where status in ('queued', 'running')").all() as { id: number }[];
  for (const { id } of pending) await waitForJob(id);
}

const ownerOf = (proposalId: number) =>
  (getSqlite().prepare("select owner_id from proposals where id = ?").get(proposalId) as { owner_id: number } | undefined)?.owner_id;

/** Rows an accepted call by this actor may change. */
function allowed(actor: Actor | null, change: ReturnType<typeof changes>[number]): boolean {
  const row = (change.after ?? change.before)!;
  if (change.table === "audit_log") return change.before === undefined && (row.actor_id === actor?.id || actor === null);
  if (!actor) return change.table === "users" || change.table === "password_tokens"; // set-password
  if (change.table === "users" && row.id === actor.id) return true; // signing out everywhere
  if (actor.role === "bidder") {
    if (change.table === "appendix_files") return ownerOf(row.proposal_id as number) === actor.id;
    return change.table === "proposals" && row.owner_id === actor.id;
  }
  if (actor.role === "assessor") {
    if (change.table === "invitations") return row.assessor_id === actor.id;
    if (change.table === "assignments") return row.assessor_id === actor.id;
    if (change.table === "assessments") return row.assignment_id === ids.assignment;
    return false;
  }
  return true; // managers run calls, people and decisions
}

describe("every server action, with generated input", () => {
  it("covers every action the app exposes, each with near-valid inputs", () => {
    // Every export is a wrapped action (invokerOf accepts it) or one of the few named above.
    for (const [name, fn] of EXPORTS) {
      if (NOT_WRAPPED.includes(name)) expect(() => invokerOf(fn as ServerAction<unknown>), name).toThrow();
    }
    expect(INVOKERS.length).toBe(EXPORTS.length - NOT_WRAPPED.length);
    expect(INVOKERS.length).toBeGreaterThanOrEqual(26);
    const near = Object.keys(nearValid());
    for (const [name] of INVOKERS) expect(near, `no near-valid inputs for ${name}`).toContain(name);
  });

  it.each(INVOKERS)("%s: no unexpected error, refusals change nothing, acceptances change only their own rows", async (name, invoke) => {
    const actors = () => fc.constantFrom<Actor | null>(null, bidder, otherBidder, assessor, manager);
    await fc.assert(
      fc.asyncProperty(actors(), inputsFor(name), async (actor, raw) => {
        const before = snapshot();
        let result: ActionResult<unknown>;
        try {
          result = await invoke(actor, raw);
        } catch (error) {
          throw new Error(`${name} threw for ${actor?.role ?? "nobody"}: ${String(error)}`);
        }
        if (result.ok) await settleJobs();
        expect(result.ok || result.code).not.toBe("error");
        const createsStaff = name === "createPersonAction" || name === "createPartnerAgencyAction";
        const changed = changes(before, snapshot()).filter((c) => !(c.table === "users" && createsStaff && c.before === undefined));
        if (!result.ok) {
          // The throttle table is the one write a refusal may make (a failed set-password counts).
          expect(changed).toEqual([]);
        } else {
          for (const c of changed) expect(allowed(actor, c), `${name} by ${actor?.role ?? "nobody"} changed ${c.table} ${c.id}`).toBe(true);
        }
      }),
      { numRuns: 25, seed: 11 },
    );
  });
});
