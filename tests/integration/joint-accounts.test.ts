import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { agencies, users } from "@/db/schema";
import { listAccounts } from "@/lib/server/accounts";
import { setAccountDisabled } from "../support/actions";
import { expectFailure, expectOk } from "../support/results";
import { makeUser, setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

// The accounts page (disable and enable) across agencies: a home manager runs the service and
// manages every account; a partner agency's manager only their own agency's staff.

async function partnerAgency(name: string) {
  const [agency] = await getDb().insert(agencies).values({ kind: "partner", name, country: "KR", currency: "KRW" }).returning();
  return agency!;
}

describe("accounts across agencies", () => {
  it("shows a partner manager only their own agency's staff, and refuses to disable anyone else, changing nothing", async () => {
    const kiat = await partnerAgency("Partner One");
    const other = await partnerAgency("Partner Two");
    const homeManager = await makeUser("manager");
    const homeAssessor = await makeUser("assessor");
    const bidder = await makeUser("bidder");
    const partnerManager = await makeUser("manager", { agencyId: kiat.id });
    const partnerAssessor = await makeUser("assessor", { agencyId: kiat.id });
    const otherAssessor = await makeUser("assessor", { agencyId: other.id });

    const seen = (await listAccounts(partnerManager))!.accounts.map((a) => a.id).sort();
    expect(seen).toEqual([partnerManager.id, partnerAssessor.id].sort());
    const all = (await listAccounts(homeManager))!.accounts.map((a) => a.id);
    for (const u of [homeAssessor, bidder, partnerAssessor, otherAssessor]) expect(all).toContain(u.id);

    for (const target of [homeManager, homeAssessor, bidder, otherAssessor]) {
      expectFailure(await setAccountDisabled(partnerManager, { userId: target.id, disabled: true }), "not_found");
      expect(getDb().select().from(users).where(eq(users.id, target.id)).get()!.disabledAt).toBeNull();
    }
    expectOk(await setAccountDisabled(partnerManager, { userId: partnerAssessor.id, disabled: true }));
    expectOk(await setAccountDisabled(homeManager, { userId: otherAssessor.id, disabled: true }));
    // The recent changes a partner manager sees are only those to accounts they may manage.
    const changes = (await listAccounts(partnerManager))!.changes.map((c) => c.userName);
    expect(changes).toEqual([partnerAssessor.name]);
  });
});
