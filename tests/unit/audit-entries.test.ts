import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, decodeAuditEntry, type AuditEvent } from "@/lib/server/audit";
import { AUDIT_ACTION_LABELS, describeAuditEntry } from "@/lib/server/manage/audit-log";

describe("decodeAuditEntry", () => {
  it("returns the typed entry when the detail matches its action", () => {
    const entry = decodeAuditEntry("decision.recorded", { outcome: "fund", previousOutcome: "reserve" });
    expect(entry).toEqual({ action: "decision.recorded", detail: { outcome: "fund", previousOutcome: "reserve" } });
  });

  it("refuses a detail of the wrong shape rather than coercing it", () => {
    expect(decodeAuditEntry("decision.recorded", { outcome: "maybe" }).detail).toBeNull();
    expect(decodeAuditEntry("assignment.added", { assessorId: "7", assessorName: "Ada" }).detail).toBeNull();
    expect(decodeAuditEntry("call.updated", { changes: { budget: { from: {}, to: 1 } } }).detail).toBeNull();
    expect(decodeAuditEntry("decisions.released", null).detail).toBeNull();
    expect(decodeAuditEntry("user.disabled", { userId: "3", userName: "Ada" }).detail).toBeNull();
    expect(decodeAuditEntry("user.enabled", { userId: 3 }).detail).toBeNull();
  });

  it("decodes an account being disabled or enabled", () => {
    expect(decodeAuditEntry("user.disabled", { userId: 3, userName: "Ada" })).toEqual({ action: "user.disabled", detail: { userId: 3, userName: "Ada" } });
    expect(decodeAuditEntry("user.enabled", { userId: 3, userName: "Ada" })).toEqual({ action: "user.enabled", detail: { userId: 3, userName: "Ada" } });
  });

  it("keeps an unknown action's name without a detail", () => {
    expect(decodeAuditEntry("lottery.drawn", { seed: "x" })).toEqual({ action: "lottery.drawn", detail: null });
  });
});

describe("describeAuditEntry", () => {
  it("has a label for every action", () => {
    for (const action of AUDIT_ACTIONS) expect(AUDIT_ACTION_LABELS[action]).toMatch(/\w/);
  });

  it("describes each kind of entry in words", () => {
    const cases: [AuditEvent, string][] = [
      [{ action: "assignment.added", detail: { assessorId: 1, assessorName: "Ada", automatic: true } }, "Ada, assigned automatically"],
      [{ action: "assignment.removed", detail: { assessorId: 1, assessorName: "Ada", assessmentStatus: "draft" } }, "Ada; their draft assessment is kept on record"],
      [{ action: "call.created", detail: { title: "Net zero" } }, "“Net zero”"],
      [{ action: "call.updated", detail: { changes: { budget: { from: 1_000_000, to: 2_000_000 }, description: { from: "a", to: "b" } } } }, "Budget: £1,000,000 → £2,000,000; Description changed"],
      [
        { action: "rubric.updated", detail: { changes: { "value-capture": { title: "UK value capture", weight: { from: 25, to: 30 }, threshold: { from: 5, to: null } } } } },
        "UK value capture: weight 25% → 30%, minimum 5 → none",
      ],
      [{ action: "decision.recorded", detail: { outcome: "reject", previousOutcome: "fund" } }, "Do not fund (was Fund)"],
      [{ action: "decisions.released", detail: { decisions: 3, fund: 1, reserve: 1, reject: 1 } }, "3 decisions: 1 fund, 1 reserve list, 1 do not fund"],
      [{ action: "assessment.submitted", detail: { assessmentId: 4, assignmentId: 9 } }, "assessmentId: 4; assignmentId: 9"],
      [{ action: "proposal.submitted", detail: {} }, ""],
      [{ action: "user.disabled", detail: { userId: 3, userName: "Ada" } }, "Ada"],
      [{ action: "user.enabled", detail: { userId: 3, userName: "Ada" } }, "Ada"],
      [
        { action: "appendix.uploaded", detail: { slotKey: "project-plan", slotName: "Project plan", filename: "plan.pdf", sizeBytes: 2048, sha256: "ab12", replaced: true } },
        "Project plan: “plan.pdf”, 2KB, SHA-256 ab12 (replaced the earlier file)",
      ],
      [{ action: "appendix.removed", detail: { slotKey: "project-plan", slotName: "Project plan", filename: "plan.pdf", sha256: "ab12" } }, "Project plan: “plan.pdf”, SHA-256 ab12"],
      [
        { action: "release.confirmations-withdrawn", detail: { agencyIds: [1, 2], agencyNames: ["Innovate UK", "KIAT"], reason: "joint-outcome-changed" } },
        "The joint outcome changed, so Innovate UK and KIAT must confirm the release again",
      ],
      [
        { action: "release.confirmations-withdrawn", detail: { agencyIds: [2], agencyNames: ["KIAT"], reason: "own-decision-changed" } },
        "KIAT changed its decision or feedback, so it must confirm the release again",
      ],
      [{ action: "release.confirmations-withdrawn", detail: { agencyIds: [1] } }, "A decision changed after agency 1 confirmed; confirm again"],
    ];
    for (const [entry, text] of cases) expect(describeAuditEntry(entry)).toBe(text);
  });
});
