import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { agencies, users } from "@/db/schema";
import { ACCOUNTS_PAGE_SIZE, listAccounts } from "@/lib/server/accounts";
import { makeUser, setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

// The accounts page at scale: thousands of bidders register for a large call, so the page shows
// one page of accounts at a time and finds one by name, email or organisation.

/** Bidders inserted in one statement (registering each would hash a password per row). */
function insertBidders(count: number, prefix: string, organisation = "Widget Works Ltd") {
  const rows = Array.from({ length: count }, (_, i) => ({
    email: `${prefix.toLowerCase()}-${String(i).padStart(3, "0")}@bidders.example`,
    name: `${prefix} Bidder ${String(i).padStart(3, "0")}`,
    role: "bidder" as const,
    organisation,
  }));
  return getDb().insert(users).values(rows).returning({ id: users.id }).all();
}

describe("the accounts page's paging and search", () => {
  it("shows 50 accounts a page, by role then name, with the total and a clamped page number", async () => {
    const manager = await makeUser("manager");
    insertBidders(120, "Paging");
    const first = (await listAccounts(manager))!;
    expect(first.accounts).toHaveLength(ACCOUNTS_PAGE_SIZE);
    expect(first.total).toBeGreaterThanOrEqual(121);
    expect(first.pages).toBe(Math.ceil(first.total / ACCOUNTS_PAGE_SIZE));
    expect(first.first).toBe(1);

    const everyone = [];
    for (let page = 1; page <= first.pages; page++) everyone.push(...(await listAccounts(manager, { page }))!.accounts);
    expect(everyone).toHaveLength(first.total);
    expect(new Set(everyone.map((a) => a.id)).size).toBe(first.total);
    const order = everyone.map((a) => `${a.role}\u0000${a.name}`);
    expect(order).toEqual([...order].sort());

    const beyond = (await listAccounts(manager, { page: 999 }))!;
    expect(beyond.page).toBe(first.pages);
    expect(beyond.first).toBe((first.pages - 1) * ACCOUNTS_PAGE_SIZE + 1);
    expect(beyond.accounts.map((a) => a.id)).toEqual(everyone.slice(beyond.first - 1).map((a) => a.id));
  });

  it("finds accounts by part of a name, email or organisation, ignoring case, with % and _ taken literally", async () => {
    const manager = await makeUser("manager");
    insertBidders(30, "Search");
    insertBidders(3, "Other", "Acme 100%_Composites");

    const byEmail = (await listAccounts(manager, { search: "  SEARCH-007@BIDDERS  " }))!;
    expect(byEmail.accounts.map((a) => a.email)).toEqual(["search-007@bidders.example"]);
    expect(byEmail.search).toBe("SEARCH-007@BIDDERS");

    expect((await listAccounts(manager, { search: "search bidder 01" }))!.total).toBe(10);
    expect((await listAccounts(manager, { search: "100%_comp" }))!.total).toBe(3);
    // As LIKE patterns these would match every account; as text they match none.
    expect((await listAccounts(manager, { search: "%" }))!.total).toBe(3);
    expect((await listAccounts(manager, { search: "s_arch" }))!.total).toBe(0);
    expect((await listAccounts(manager, { search: "nobody at all" }))!.accounts).toEqual([]);
  });

  it("keeps a partner agency's manager to their own agency's staff when searching, and refuses other roles", async () => {
    const [partner] = await getDb().insert(agencies).values({ kind: "partner", name: "Partner Search", country: "KR", currency: "KRW" }).returning();
    const partnerManager = await makeUser("manager", { agencyId: partner!.id });
    const partnerAssessor = await makeUser("assessor", { agencyId: partner!.id, name: "Scoped Assessor" });
    await makeUser("assessor", { name: "Scoped Home Assessor" });
    insertBidders(2, "Scoped");

    const seen = (await listAccounts(partnerManager, { search: "scoped" }))!;
    expect(seen.accounts.map((a) => a.id)).toEqual([partnerAssessor.id]);
    expect(seen.total).toBe(1);

    expect(await listAccounts(await makeUser("bidder"), { search: "scoped" })).toBeNull();
    expect(await listAccounts(await makeUser("assessor"))).toBeNull();
    expect(await listAccounts(null)).toBeNull();
  });
});
