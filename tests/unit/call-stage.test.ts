import { describe, expect, it } from "vitest";
import { acceptsProposals, callStage, hasClosed, isClosedUnreleased } from "@/lib/domain/call-stage";

const opensAt = new Date("2026-01-10T09:00:00Z");
const closesAt = new Date("2026-02-10T12:00:00Z");
const call = { opensAt, closesAt, decisionsReleasedAt: null };
const at = (iso: string) => new Date(iso);

describe("callStage", () => {
  it("is upcoming before the call opens", () => {
    expect(callStage(call, at("2026-01-10T08:59:59.999Z"))).toBe("upcoming");
  });

  it("is open from the opening instant until just before the deadline", () => {
    expect(callStage(call, opensAt)).toBe("open");
    expect(callStage(call, at("2026-02-10T11:59:59.999Z"))).toBe("open");
  });

  it("is closed from the deadline instant while decisions are unreleased", () => {
    expect(callStage(call, closesAt)).toBe("closed");
    expect(callStage({ opensAt, closesAt }, at("2027-01-01T00:00:00Z"))).toBe("closed");
  });

  it("is released once decisions are released", () => {
    expect(callStage({ ...call, decisionsReleasedAt: at("2026-03-01T00:00:00Z") }, at("2026-03-02T00:00:00Z"))).toBe("released");
  });

  it("answers the questions the pages ask", () => {
    const released = { ...call, decisionsReleasedAt: at("2026-03-01T00:00:00Z") };
    expect(acceptsProposals(call, opensAt)).toBe(true);
    expect(acceptsProposals(call, closesAt)).toBe(false);
    expect(isClosedUnreleased(call, closesAt)).toBe(true);
    expect(isClosedUnreleased(released, closesAt)).toBe(false);
    expect(hasClosed(released, closesAt)).toBe(true);
    expect(hasClosed(call, opensAt)).toBe(false);
  });
});
