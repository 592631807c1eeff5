import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { agencies, users } from "@/db/schema";
import { makeUser, setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

describe("agencies in the schema", () => {
  it("has exactly one home agency, the UK funder in pounds", () => {
    const rows = getDb().select().from(agencies).where(eq(agencies.kind, "home")).all();
    expect(rows.map((r) => [r.country, r.currency])).toEqual([["GB", "GBP"]]);
    expect(() => getDb().insert(agencies).values({ kind: "home", name: "Second home", country: "GB", currency: "GBP" }).run()).toThrow();
  });

  it("puts a staff account created without an agency in the home agency, and a bidder in none", async () => {
    const manager = await makeUser("manager");
    const bidder = await makeUser("bidder");
    expect(manager.agency?.kind).toBe("home");
    expect(bidder.agency).toBeNull();
  });

  it("refuses a staff account without an agency and a bidder with one", async () => {
    const db = getDb();
    const home = db.select().from(agencies).where(eq(agencies.kind, "home")).get()!;
    const base = { name: "X", passwordHash: null, organisation: "", country: "GB" };
    expect(() => db.insert(users).values({ ...base, email: "a@x.test", role: "assessor", agencyId: null }).run()).toThrow(/exactly one agency/);
    expect(() => db.insert(users).values({ ...base, email: "b@x.test", role: "bidder", agencyId: home.id }).run()).toThrow(/exactly one agency/);
    const manager = await makeUser("manager");
    expect(() => db.update(users).set({ agencyId: null }).where(eq(users.id, manager.id)).run()).toThrow(/exactly one agency/);
  });
});
