import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { seedDemoData } from "@/db/seed";
import { DEMO_JOINT_CALL_TITLE, JOINT_CALL_PROPOSALS } from "@/db/seed-joint";
import { backgroundJobs, calls, users } from "@/db/schema";
import { invokerOf } from "@/lib/server/action";
import { retryCalibrationAction, setLotteryAction } from "@/lib/server/actions/calibration-actions";
import { combineZones } from "@/lib/domain/joint-calibration";
import { saveScenarioAction } from "@/lib/server/actions/portfolio-actions";
import { waitForJob } from "@/lib/server/jobs";
import { jobProgress } from "@/lib/server/jobs/progress";
import { getCallCalibration, getJointCalibration } from "@/lib/server/manage/calibration";
import { assessorsCsv, rankingCsv } from "@/lib/server/manage/csv";
import { getPortfolioOverview } from "@/lib/server/manage/scenarios";
import { findActorById, type Actor } from "@/lib/server/users";
import { parseCsv } from "../support/csv-reader";
import { setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

// How the decision-science features behave on a joint call (issue 14 with issues 9 and 10): the
// calibration model is fitted per panel, for that panel's agency only; the lottery and the
// portfolio optimiser, which choose one agency's decisions against one budget, are home-only.

async function demo() {
  await seedDemoData(getDb());
  const [call] = await getDb().select().from(calls).where(eq(calls.title, DEMO_JOINT_CALL_TITLE));
  const actor = async (email: string) => {
    const [u] = await getDb().select().from(users).where(eq(users.email, email));
    return (await findActorById(u!.id))!;
  };
  return { callId: call!.id, home: await actor("manager@demo.test"), kiat: await actor("kiat-manager@demo.test") };
}

let setup: ReturnType<typeof demo> | null = null;
const demoCall = () => (setup ??= demo());

/** Opens a calibration read (which starts the fit), waits for the fit, and reads it again. */
function fittedBy<T extends { job: { running: { id: number } | null } }>(read: (manager: Actor, callId: number) => Promise<T | null>) {
  return async (manager: Actor, callId: number): Promise<T> => {
    const page = await read(manager, callId);
    if (page?.job.running) await waitForJob(page.job.running.id);
    return (await read(manager, callId))!;
  };
}
const fitted = fittedBy((manager, callId) => getCallCalibration(manager, callId));
const fittedJoint = fittedBy((manager, callId) => getJointCalibration(manager, callId));

const HOME_ASSESSORS = ["Ada Assessor", "Ben Assessor"];
const KIAT_ASSESSORS = ["Seo-yeon Lee", "Hyun-woo Choi"];

describe("calibration on a joint call (fit in a worker)", { timeout: 90_000 }, () => {
  it("fits each agency's own panel: its own assessors only, and its own agency's grants in its own currency", async () => {
    const { callId, home, kiat } = await demoCall();
    const [homePage, kiatPage] = [await fitted(home, callId), await fitted(kiat, callId)];

    expect(homePage.panel).toMatchObject({ side: "home", currency: "GBP" });
    expect(kiatPage.panel).toMatchObject({ side: "partner", currency: "KRW" });
    expect(homePage.job.key).toBe("home");
    expect(kiatPage.job.key).toBe("partner");

    const names = (page: typeof homePage) => page.job.result!.assessors.map((a) => a.name).sort();
    expect(names(homePage)).toEqual([...HOME_ASSESSORS].sort());
    expect(names(kiatPage)).toEqual([...KIAT_ASSESSORS].sort());

    // Grants are each agency's own, so the funding-line zones never mix currencies.
    const grant = (page: typeof homePage, title: string) => page.job.result!.proposals.find((p) => p.title === title)!.grantRequested;
    for (const p of JOINT_CALL_PROPOSALS) {
      expect(grant(homePage, p.title)).toBe(p.grantRequested);
      expect(grant(kiatPage, p.title)).toBe(p.partnerGrant);
    }
    // The lottery is not offered on a joint call.
    expect(homePage.lottery).toBeNull();
    expect(homePage.call.lotteryEnabled).toBe(false);
  });

  it("exports each agency's own assessors and calibrated columns only", async () => {
    const { callId, home, kiat } = await demoCall();
    await fitted(home, callId);
    await fitted(kiat, callId);
    const assessorNames = async (actor: Actor) =>
      parseCsv((await assessorsCsv(actor, callId))!.body)
        .slice(1)
        .map((row) => row[0]);
    expect((await assessorNames(home)).sort()).toEqual([...HOME_ASSESSORS].sort());
    expect((await assessorNames(kiat)).sort()).toEqual([...KIAT_ASSESSORS].sort());
    // The ranking CSV's calibration columns are filled from the exporter's own panel's fit.
    const calibrated = parseCsv((await rankingCsv(kiat, callId))!.body);
    const column = calibrated[0]!.indexOf("Calibrated total");
    expect(column).toBeGreaterThan(0);
    expect(calibrated.slice(1).every((row) => row[column] !== "")).toBe(true);
  });

  it("reports a joint call's job progress to the partner manager, but not a home-only call's", async () => {
    const { callId, kiat } = await demoCall();
    const homeOnly = (await getDb().select().from(calls)).find((c) => c.partnerAgencyId === null)!;
    expect((await jobProgress(kiat, { callId: String(callId), kind: "calibration", key: "partner" })).ok).toBe(true);
    const refused = await jobProgress(kiat, { callId: String(homeOnly.id), kind: "calibration", key: "" });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.code).toBe("not_found");
  });
});

describe("the calibrated joint ranking (every assessor, both funding lines)", { timeout: 90_000 }, () => {
  it("fits one model of every assessor for both agencies, naming only the viewer's own agency's assessors", async () => {
    const { callId, home, kiat } = await demoCall();
    const [homeView, kiatView] = [await fittedJoint(home, callId), await fittedJoint(kiat, callId)];
    expect(homeView.job.key).toBe("joint");
    expect(homeView.job.fresh && kiatView.job.fresh).toBe(true);
    expect(homeView.job.result!.counts.assessors).toBe(HOME_ASSESSORS.length + KIAT_ASSESSORS.length);
    // One fit, stored once, with no assessor names in it.
    const stored = await getDb().select().from(backgroundJobs).where(eq(backgroundJobs.key, "joint"));
    expect(stored.filter((j) => j.callId === callId && j.status === "done")).toHaveLength(1);
    for (const name of [...HOME_ASSESSORS, ...KIAT_ASSESSORS]) expect(JSON.stringify(stored)).not.toContain(name);

    const names = (view: typeof homeView) => view.job.result!.assessors.map((a) => a.name).sort();
    const kiatName = homeView.agencies.partner.name;
    const homeName = homeView.agencies.home.name;
    expect(names(homeView)).toEqual([...HOME_ASSESSORS, `Assessor 1 of ${kiatName}`, `Assessor 2 of ${kiatName}`].sort());
    expect(names(kiatView)).toEqual([...KIAT_ASSESSORS, `Assessor 1 of ${homeName}`, `Assessor 2 of ${homeName}`].sort());
    for (const name of KIAT_ASSESSORS) expect(JSON.stringify(homeView)).not.toContain(name);
    for (const name of HOME_ASSESSORS) expect(JSON.stringify(kiatView)).not.toContain(name);
  });

  it("walks each agency's grants against its own budget, and funds only what both lines fund", async () => {
    const { callId, home } = await demoCall();
    const view = (await fittedJoint(home, callId)).job.result!;
    for (const p of JOINT_CALL_PROPOSALS) {
      const row = view.proposals.find((r) => r.title === p.title);
      if (!row) continue; // still awaiting a panel's assessments
      expect(view.grants[row.id]).toEqual({ home: p.grantRequested, partner: p.partnerGrant });
    }
    expect(view.proposals.length).toBeGreaterThanOrEqual(2);
    for (const p of view.proposals) {
      const zones = view.agencyZones[p.id]!;
      expect(p.zone).toBe(combineZones(zones.home, zones.partner));
    }
    const drawn = [view.lines.home, view.lines.partner].filter((l): l is number => l !== null);
    expect(view.fundingLine).toBe(drawn.length === 0 ? null : Math.min(...drawn));
  });

  it("is not found on a home-only call, and its retry is refused there", async () => {
    const { home } = await demoCall();
    const homeOnly = (await getDb().select().from(calls)).find((c) => c.partnerAgencyId === null)!;
    expect(await getJointCalibration(home, homeOnly.id)).toBeNull();
    const retried = await invokerOf(retryCalibrationAction)(home, { callId: homeOnly.id, joint: true });
    expect(retried).toMatchObject({ ok: false, code: "not_found" });
  });
});

describe("lottery and portfolio optimiser on a joint call", () => {
  it("refuses to turn the lottery on", async () => {
    const { callId, home } = await demoCall();
    const result = await invokerOf(setLotteryAction)(home, { callId, enabled: true });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/not available on a joint call/);
    expect(getDb().select().from(calls).where(eq(calls.id, callId)).get()!.lotteryEnabled).toBe(false);
  });

  it("has no portfolio page for either agency and refuses to save a scenario", async () => {
    const { callId, home, kiat } = await demoCall();
    expect(await getPortfolioOverview(home, callId)).toBeNull();
    expect(await getPortfolioOverview(kiat, callId)).toBeNull();
    const result = await invokerOf(saveScenarioAction)(home, {
      callId,
      values: { name: "Joint", budget: "2000000", qualityMeasure: "raw", rules: [], pins: [], exclusions: [] },
    });
    expect(result.ok).toBe(false);
  });
});
