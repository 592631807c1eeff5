/**
 * The CSV exports of the demo calls are pinned byte for byte (fixtures generated from the
 * exports before the async data-layer rewrite), so refactoring the data layer or the ranking
 * queries cannot change what managers download. An intended column change updates the fixtures
 * in the same commit, and says so (UPDATE_DEMO_CSV=1 rewrites them). Issue 13 added the ranking's
 * `In scope votes` and `Majority out of scope` columns and the sixth (upcoming) demo call.
 */
import fs from "node:fs";
import path from "node:path";
import { asc, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { seedDemoData } from "@/db/seed";
import { calls, users } from "@/db/schema";
import { csvDownload, rankingCsv, scoresCsv } from "@/lib/server/manage/csv";
import type { Actor } from "@/lib/server/users";
import { setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

const FIXTURES = path.join(__dirname, "..", "fixtures", "demo-csv");
// The seed dates everything relative to "now"; a fixed now makes the scores' timestamps fixed too.
const SEEDED_AT = new Date("2026-06-01T12:00:00Z");

let manager: Actor;
let callIds: number[];

beforeAll(async () => {
  await seedDemoData(getDb(), SEEDED_AT);
  const [row] = await getDb().select().from(users).where(eq(users.email, "manager@demo.test"));
  manager = { id: row!.id, email: row!.email, name: row!.name, role: row!.role, organisation: row!.organisation, agency: { id: row!.agencyId!, kind: "home" } };
  // The four home-only demo calls are pinned; the joint call (db/seed-joint.ts) has its own tests.
  callIds = (await getDb().select({ id: calls.id }).from(calls).where(isNull(calls.partnerAgencyId)).orderBy(asc(calls.id))).map((c) => c.id);
});

describe("demo call CSV exports", () => {
  it("has the six demo calls", () => {
    expect(callIds).toEqual([1, 2, 3, 4, 5, 6]);
  });

  for (const [kind, build] of [
    ["ranking", rankingCsv],
    ["scores", scoresCsv],
  ] as const) {
    it(`${kind} CSV is byte-identical to the pinned export for every demo call`, async () => {
      for (const id of callIds) {
        const response = await csvDownload(manager, String(id), build);
        expect(response.status).toBe(200);
        const body = Buffer.from(await response.arrayBuffer());
        if (process.env.UPDATE_DEMO_CSV === "1") fs.writeFileSync(path.join(FIXTURES, `call-${id}-${kind}.csv`), body);
        const expected = fs.readFileSync(path.join(FIXTURES, `call-${id}-${kind}.csv`));
        expect({ id, same: body.equals(expected) }).toEqual({ id, same: true });
      }
    });
  }
});
