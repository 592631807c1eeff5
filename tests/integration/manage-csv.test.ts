/**
 * The CSV downloads (ranking and all scores) and the route handlers' responses, against a real
 * SQLite file: content, unrounded numbers, quoting, and who may download.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { CSV_BOM } from "@/lib/domain/csv";
import { csvDownload, rankingCsv, scoresCsv } from "@/lib/server/manage/csv";
import type { Actor } from "@/lib/server/users";
import { parseCsv } from "../support/csv-reader";
import { makeUser, setupTempDatabase } from "../support/temp-db";
import { assessAll, expectFound, makeAssessmentRow, makeAssignmentRow, makeProposal, makeRubricCall } from "../support/manage-factories";

setupTempDatabase();

function table(body: string): Record<string, string>[] {
  expect(body.startsWith(CSV_BOM)).toBe(true);
  const [header, ...rows] = parseCsv(body.slice(CSV_BOM.length));
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ""])));
}

let manager: Actor;
let bidder: Actor;
let assessor: Actor;
let a1: Actor;
let a2: Actor;
let a3: Actor;
let callId: number;
let ranked: number;
let awaiting: number;

beforeAll(async () => {
  manager = await makeUser("manager");
  bidder = await makeUser("bidder");
  assessor = await makeUser("assessor");
  [a1, a2, a3] = (await Promise.all([1, 2, 3].map((i) => makeUser("assessor", { name: `CSV Assessor ${i}`, organisation: `CSV Org ${i}` })))) as [Actor, Actor, Actor];
  const call = makeRubricCall({ title: "Materials & Manufacturing, 2026!", assessorsRequired: 3, budget: 400_000 });
  callId = call.id;
  const p = makeProposal(call.id, bidder, {
    title: '=HYPERLINK("http://evil.example","Click") – "quoted", with commas',
    lead: "Zürich-Ångström Ltd",
    grant: 250_000,
    domainId: "hydrogen-fuel-cells",
    partners: [{ organisation: "Fraunhofer ISE", country: "DE" }, { organisation: "AIST", country: "JP" }],
  });
  ranked = p.id;
  // Means 14/3 = 4.666… on every criterion: unrounded in the file.
  assessAll(p.id, [[a1, 4], [a2, 5], [a3, 5]]);
  const w = makeProposal(call.id, bidder, { title: "Still being assessed", grant: 100_000 });
  awaiting = w.id;
  assessAll(w.id, [[a1, 9]]);
  makeAssessmentRow(makeAssignmentRow(w.id, a2.id).id, 3, { status: "draft" });
});

describe("the ranking CSV", () => {
  it("has a header row and one row per proposal, ranked first, with unrounded numbers", async () => {
    const file = expectFound(await rankingCsv(manager, callId));
    expect(file.filename).toBe("materials-manufacturing-2026-ranking.csv");
    const rows = table(file.body);
    expect(rows).toHaveLength(2);
    const [first, second] = rows as [Record<string, string>, Record<string, string>];

    expect(first).toMatchObject({
      Status: "Ranked",
      Rank: "1",
      "Proposal ID": String(ranked),
      // Formula text is neutralised with a leading apostrophe; quotes and commas survive.
      Title: '\'=HYPERLINK("http://evil.example","Click") – "quoted", with commas',
      "Lead organisation": "Zürich-Ångström Ltd",
      "Partner countries": "Germany; Japan",
      "Strategic fit": "Shortlisted pair",
      "Assessments submitted": "3",
      "Assessments required": "3",
      "UK value capture mean (0-10)": String(14 / 3),
      "Weighted total (0-100)": String(46.666666666666664),
      Result: "Fail",
      "Grant requested (GBP)": "250000",
      "Within budget": "no",
      Decision: "",
    });
    expect(first["Failed thresholds"]).toContain("UK value capture");
    expect(first["Failed thresholds"]).toContain("Overall weighted total");
    expect(first["Technology domain"]).toMatch(/fuel cell/i);

    expect(second).toMatchObject({
      Status: "Awaiting assessment",
      Rank: "",
      "Proposal ID": String(awaiting),
      "Assessments submitted": "1",
      "UK value capture mean (0-10)": "",
      "Grant requested (GBP)": "100000",
    });
  });
});

describe("the scores CSV", () => {
  it("has one row per assessment and criterion, drafts marked as not counted", async () => {
    const file = expectFound(await scoresCsv(manager, callId));
    expect(file.filename).toBe("materials-manufacturing-2026-scores.csv");
    const rows = table(file.body);
    // 3 submitted + 1 submitted + 1 draft assessments, 7 criteria each.
    expect(rows).toHaveLength(5 * 7);
    const draft = rows.filter((r) => r["Assessment status"] === "draft");
    expect(draft).toHaveLength(7);
    expect(draft.every((r) => r["Counts toward ranking"] === "no" && r["Why not counted"] === "Not submitted")).toBe(true);
    const one = rows.find((r) => r.Assessor === a1.name && r["Proposal ID"] === String(ranked) && r["Criterion key"] === "win-win");
    expect(one).toMatchObject({
      "Assessor organisation": "CSV Org 1",
      "Assessment status": "submitted",
      "Counts toward ranking": "yes",
      Criterion: "Win-win mutual benefit",
      Score: "4",
      "Scale minimum": "0",
      "Scale maximum": "10",
      "Weight (%)": "20",
      Recommendation: "yes",
      Confidence: "medium",
    });
    expect(one!["Submitted at (UTC)"]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(one!.Justification).toMatch(/^Justification for Win-win mutual benefit: word0/);
  });
});

describe("the CSV responses", () => {
  it("sends the file as an attachment in UTF-8, not cached", async () => {
    const response = (await csvDownload(manager, String(callId), rankingCsv));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="materials-manufacturing-2026-ranking.csv"');
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("streams the ranking: the BOM and header row arrive as the first piece, and the pieces make the whole file", async () => {
    const file = expectFound(await rankingCsv(manager, callId));
    const response = await csvDownload(manager, String(callId), rankingCsv);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    const pieces: string[] = [];
    for (let next = await reader.read(); !next.done; next = await reader.read()) pieces.push(decoder.decode(next.value, { stream: true }));
    expect(pieces[0]).toBe(`\uFEFF${file.body.slice(1).split("\r\n")[0]}\r\n`);
    expect(pieces.join("")).toBe(file.body);
  });

  it("refuses no session with 401, bidders and assessors with 403, and an unknown call with 404", async () => {
    for (const build of [rankingCsv, scoresCsv]) {
      const none = (await csvDownload(null, String(callId), build));
      expect(none.status).toBe(401);
      expect(await none.text()).not.toContain("Rank");
      expect((await csvDownload(bidder, String(callId), build)).status).toBe(403);
      expect((await csvDownload(assessor, String(callId), build)).status).toBe(403);
      expect((await csvDownload(a1, String(callId), build)).status).toBe(403);
      expect((await csvDownload(manager, "999999", build)).status).toBe(404);
      expect((await csvDownload(manager, "abc", build)).status).toBe(404);
    }
  });
});
