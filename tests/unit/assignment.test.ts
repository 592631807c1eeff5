import { describe, expect, it } from "vitest";
import {
  autoAssign,
  expertiseMatch,
  rankSuggestions,
  isConflicted,
  normaliseOrganisation,
  type AssignmentAssessor,
  type AssignmentProposal,
  type ExistingAssignment,
} from "../../lib/domain/assignment";

const assessor = (id: number, organisation = `Assessor Org ${id}`, expertise: string[] = []): AssignmentAssessor => ({
  id,
  organisation,
  expertise,
});

const proposal = (id: number, organisations: string[] = [`Lead ${id}`, `Partner ${id}`], domainId: string | null = null): AssignmentProposal => ({
  id,
  domainId,
  organisations,
});

function loads(assignments: readonly ExistingAssignment[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const a of assignments) counts.set(a.assessorId, (counts.get(a.assessorId) ?? 0) + 1);
  return counts;
}

const assessorsOf = (assignments: readonly ExistingAssignment[], proposalId: number) =>
  assignments.filter((a) => a.proposalId === proposalId).map((a) => a.assessorId).sort((a, b) => a - b);

describe("autoAssign", () => {
  it("gives every proposal the required assessors with loads differing by at most one", () => {
    // 5 proposals × 3 = 15 assignments over 4 assessors → loads 4, 4, 4, 3.
    const proposals = [1, 2, 3, 4, 5].map((id) => proposal(id));
    const assessors = [1, 2, 3, 4].map((id) => assessor(id));
    const { added, short } = autoAssign({ proposals, assessors, existing: [], conflicts: [], required: 3 });
    expect(short).toEqual([]);
    for (const p of proposals) expect(assessorsOf(added, p.id)).toHaveLength(3);
    const counts = [...loads(added).values()];
    expect(counts.reduce((a, b) => a + b, 0)).toBe(15);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  it("counts existing assignments toward an assessor's load", () => {
    // Assessor 1 already carries two proposals, so the two new ones go to 2 and 3 first.
    const { added } = autoAssign({
      proposals: [proposal(1), proposal(2), proposal(3), proposal(4)],
      assessors: [assessor(1), assessor(2), assessor(3)],
      existing: [
        { proposalId: 1, assessorId: 1 },
        { proposalId: 2, assessorId: 1 },
      ],
      conflicts: [],
      required: 1,
    });
    expect(added).toEqual([
      { proposalId: 3, assessorId: 2 },
      { proposalId: 4, assessorId: 3 },
    ]);
  });

  it("never assigns an assessor who declared a conflict on the proposal", () => {
    const { added, short } = autoAssign({
      proposals: [proposal(1)],
      assessors: [assessor(1), assessor(2), assessor(3), assessor(4)],
      existing: [],
      conflicts: [{ proposalId: 1, assessorId: 1 }],
      required: 3,
    });
    expect(short).toEqual([]);
    expect(assessorsOf(added, 1)).toEqual([2, 3, 4]);
  });

  it("never assigns an assessor whose organisation matches a consortium organisation, ignoring case and spaces", () => {
    const p = proposal(1, ["Lead University", "acme  materials ltd"]);
    const { added } = autoAssign({
      proposals: [p],
      assessors: [assessor(1, "  ACME Materials   Ltd "), assessor(2, "LEAD university"), assessor(3), assessor(4), assessor(5)],
      existing: [],
      conflicts: [],
      required: 3,
    });
    expect(assessorsOf(added, 1)).toEqual([3, 4, 5]);
  });

  it("only fills gaps when re-run and never duplicates an assignment", () => {
    const proposals = [proposal(1), proposal(2)];
    const assessors = [1, 2, 3, 4].map((id) => assessor(id));
    const existing = [{ proposalId: 1, assessorId: 1 }];
    const first = autoAssign({ proposals, assessors, existing, conflicts: [], required: 2 });
    // Proposal 1 needs one more (not assessor 1 again); proposal 2 needs two.
    expect(assessorsOf(first.added, 1)).toHaveLength(1);
    expect(assessorsOf(first.added, 1)).not.toContain(1);
    expect(assessorsOf(first.added, 2)).toHaveLength(2);

    const second = autoAssign({ proposals, assessors, existing: [...existing, ...first.added], conflicts: [], required: 2 });
    expect(second).toEqual({ added: [], short: [] });
  });

  it("replaces an existing assignment whose assessor later declared a conflict", () => {
    const { added } = autoAssign({
      proposals: [proposal(1)],
      assessors: [assessor(1), assessor(2), assessor(3)],
      existing: [{ proposalId: 1, assessorId: 1 }],
      conflicts: [{ proposalId: 1, assessorId: 1 }],
      required: 2,
    });
    expect(assessorsOf(added, 1)).toEqual([2, 3]);
  });

  it("reports a proposal the pool cannot cover, saying how many were excluded and why", () => {
    const { added, short } = autoAssign({
      proposals: [proposal(7, ["Lead Co", "Partner GmbH"])],
      assessors: [assessor(1), assessor(2), assessor(3, "partner gmbh")],
      existing: [],
      conflicts: [{ proposalId: 7, assessorId: 2 }],
      required: 3,
    });
    expect(added).toEqual([{ proposalId: 7, assessorId: 1 }]);
    expect(short).toEqual([
      {
        proposalId: 7,
        have: 1,
        required: 3,
        reason: "Only 1 eligible assessor: 1 declared a conflict, 1 works at a consortium organisation",
      },
    ]);
  });

  it("reports a short pool with no exclusions", () => {
    const { short } = autoAssign({
      proposals: [proposal(1)],
      assessors: [],
      existing: [],
      conflicts: [],
      required: 3,
    });
    expect(short).toEqual([{ proposalId: 1, have: 0, required: 3, reason: "No eligible assessors in the pool" }]);
  });

  it("prefers expertise in the proposal's domain among equally loaded assessors", () => {
    const { added } = autoAssign({
      proposals: [proposal(1, ["Lead", "Partner"], "batteries")],
      assessors: [assessor(1), assessor(2, "Org 2", ["robotics"]), assessor(3, "Org 3", ["batteries"])],
      existing: [],
      conflicts: [],
      required: 1,
    });
    expect(added).toEqual([{ proposalId: 1, assessorId: 3 }]);
  });

  it("puts load before expertise", () => {
    // The batteries expert already has one assignment, so a less-loaded generalist is chosen.
    const { added } = autoAssign({
      proposals: [proposal(1), proposal(2, ["Lead", "Partner"], "batteries")],
      assessors: [assessor(1), assessor(3, "Org 3", ["batteries"])],
      existing: [{ proposalId: 1, assessorId: 3 }],
      conflicts: [],
      required: 1,
    });
    expect(added).toEqual([{ proposalId: 2, assessorId: 1 }]);
  });

  it("serves proposals with the fewest eligible assessors first", () => {
    // Proposal 2 can only use assessor 1. Taken in id order, proposal 1 would take assessor 1
    // first and leave them with both; scarce-first gives each assessor one.
    const { added } = autoAssign({
      proposals: [proposal(1), proposal(2)],
      assessors: [assessor(1), assessor(2)],
      existing: [],
      conflicts: [{ proposalId: 2, assessorId: 2 }],
      required: 1,
    });
    expect(added).toEqual([
      { proposalId: 2, assessorId: 1 },
      { proposalId: 1, assessorId: 2 },
    ]);
  });
});

describe("normaliseOrganisation", () => {
  it("ignores case, surrounding spaces and repeated inner spaces", () => {
    expect(normaliseOrganisation("  Acme \t Materials   LTD ")).toBe("acme materials ltd");
  });
});

describe("isConflicted", () => {
  it("is true for a declared conflict or a consortium organisation, false otherwise", () => {
    const p = proposal(1, ["Lead Co", "Partner GmbH"]);
    expect(isConflicted(assessor(1), p, [{ proposalId: 1, assessorId: 1 }])).toBe(true);
    expect(isConflicted(assessor(2, " LEAD  co"), p, [])).toBe(true);
    expect(isConflicted(assessor(3), p, [{ proposalId: 2, assessorId: 3 }])).toBe(false);
  });

  it("does not treat a blank organisation as a match", () => {
    expect(isConflicted(assessor(1, "  "), proposal(1, ["", "Partner"]), [])).toBe(false);
  });
});

describe("ranked suggestions for one proposal", () => {
  const proposal = { id: 1, domainId: "hydrogen-fuel-cells", organisations: ["Lead Ltd", "Partner GmbH"] };
  const person = (id: number, name: string, expertise: string[], load = 0, extra: { organisation?: string; maxProposals?: number | null } = {}) => ({
    id,
    name,
    organisation: extra.organisation ?? `Uni ${id}`,
    expertise,
    load,
    maxProposals: extra.maxProposals ?? null,
  });

  it("puts a domain match first, then a theme match, then the lower load, then the name", () => {
    const pool = [
      person(1, "Zed None", ["robotics"]),
      person(2, "Theme", ["batteries"]),
      person(3, "Busy Domain", ["hydrogen-fuel-cells"], 4),
      person(4, "Free Domain", ["hydrogen-fuel-cells"], 1),
      person(5, "Able None", [], 0),
    ];
    const ranked = rankSuggestions(proposal, pool, { declared: [], assigned: new Set(), removed: new Set() });
    expect(ranked.map((s) => [s.name, s.match])).toEqual([
      ["Free Domain", "domain"],
      ["Busy Domain", "domain"],
      ["Theme", "theme"],
      ["Able None", "none"],
      ["Zed None", "none"],
    ]);
  });

  it("leaves out the conflicted, the assigned, the unassigned and those at their maximum", () => {
    const pool = [
      person(1, "Declared", []),
      person(2, "Works there", [], 0, { organisation: " PARTNER  gmbh" }),
      person(3, "Assigned", []),
      person(4, "Unassigned", []),
      person(5, "Full", [], 2, { maxProposals: 2 }),
      person(6, "Room", [], 1, { maxProposals: 2 }),
    ];
    const ranked = rankSuggestions(proposal, pool, { declared: [{ proposalId: 1, assessorId: 1 }], assigned: new Set([3]), removed: new Set([4]) });
    expect(ranked.map((s) => s.name)).toEqual(["Room"]);
  });

  it("calls expertise in another domain of the same Table 4.1 theme a theme match", () => {
    expect(expertiseMatch(["hydrogen-fuel-cells"], "hydrogen-fuel-cells")).toBe("domain");
    expect(expertiseMatch(["batteries"], "hydrogen-fuel-cells")).toBe("theme");
    expect(expertiseMatch(["robotics"], "hydrogen-fuel-cells")).toBe("none");
    expect(expertiseMatch(["robotics"], null)).toBe("none");
  });
});
