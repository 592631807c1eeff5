import "server-only";
import { and, asc, count, eq } from "drizzle-orm";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { agencies, users } from "@/db/schema";
import { transaction } from "@/db/transaction";
import { currencyName, type AgencyKind } from "@/lib/domain/agencies";
import { countryName } from "@/lib/domain/report/countries";
import { paths } from "@/lib/paths";
import type { partnerAgencyFormSchema } from "@/lib/validation/agencies";
import { ActionError, INVALID_MESSAGE } from "../action-error";
import { recordAudit } from "../audit";
import { guardedRead } from "../guard";
import type { Actor } from "../users";
import { issueToken, type PasswordLink } from "./people";

export interface AgencyView {
  id: number;
  kind: AgencyKind;
  name: string;
  country: string;
  countryName: string;
  currency: string;
  currencyName: string;
  managers: number;
  assessors: number;
}

/** Every agency, the home agency first, with its staff counts (home-agency managers only). */
export const listAgencies = guardedRead("agency:manage", async (): Promise<AgencyView[]> => {
  const db = getDb();
  const rows = await db.select().from(agencies).orderBy(asc(agencies.kind), asc(agencies.name));
  const staff = await db
    .select({ agencyId: users.agencyId, role: users.role, n: count() })
    .from(users)
    .groupBy(users.agencyId, users.role);
  const countOf = (agencyId: number, role: string) => staff.find((s) => s.agencyId === agencyId && s.role === role)?.n ?? 0;
  return rows.map((a) => ({
    id: a.id,
    kind: a.kind,
    name: a.name,
    country: a.country,
    countryName: countryName(a.country),
    currency: a.currency,
    currencyName: currencyName(a.currency),
    managers: countOf(a.id, "manager"),
    assessors: countOf(a.id, "assessor"),
  }));
});

/** The partner agencies a home manager can make a joint call with. */
export const listPartnerAgencies = guardedRead("call:configure", async (): Promise<{ id: number; name: string; currency: string; country: string }[]> => {
  return getDb()
    .select({ id: agencies.id, name: agencies.name, currency: agencies.currency, country: agencies.country })
    .from(agencies)
    .where(eq(agencies.kind, "partner"))
    .orderBy(asc(agencies.name));
});

export interface CreatedPartnerAgency {
  agency: { id: number; name: string };
  /** The first manager's one-time set-password link (the same flow as any staff account). */
  link: PasswordLink;
}

/** A home manager creates a partner agency and its first manager, who gets a set-password link. */
export async function createPartnerAgency(me: Actor, input: z.output<typeof partnerAgencyFormSchema>, now = new Date()): Promise<CreatedPartnerAgency> {
  return transaction(async (tx) => {
    const fieldErrors: Record<string, string> = {};
    const [sameName] = await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.name, input.name)).limit(1);
    if (sameName) fieldErrors.name = "An agency with this name already exists";
    const email = input.managerEmail.trim().toLowerCase();
    const [sameEmail] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
    if (sameEmail) fieldErrors.managerEmail = "An account with this email address already exists";
    if (Object.keys(fieldErrors).length > 0) throw new ActionError("invalid", INVALID_MESSAGE, fieldErrors);

    const [agency] = await tx
      .insert(agencies)
      .values({ kind: "partner", name: input.name, country: input.country, currency: input.currency, createdAt: now })
      .returning({ id: agencies.id, name: agencies.name });
    const [manager] = await tx
      .insert(users)
      .values({
        email,
        name: input.managerName,
        passwordHash: null,
        role: "manager",
        organisation: input.managerOrganisation || input.name,
        country: input.country,
        expertise: [],
        agencyId: agency!.id,
      })
      .returning({ id: users.id, name: users.name, email: users.email });
    const { token, expiresAt } = await issueToken(tx, manager!.id, now);
    await recordAudit(tx, {
      at: now,
      actorId: me.id,
      action: "agency.created",
      detail: { agencyId: agency!.id, name: agency!.name, country: input.country, currency: input.currency, managerId: manager!.id },
    });
    return {
      agency: agency!,
      link: { userId: manager!.id, name: manager!.name, email: manager!.email, path: paths.setPassword(token), expiresAt },
    };
  });
}

/** Whether an agency exists and is a partner (for the call form). */
export async function findPartnerAgency(agencyId: number) {
  const [row] = await getDb()
    .select()
    .from(agencies)
    .where(and(eq(agencies.id, agencyId), eq(agencies.kind, "partner")))
    .limit(1);
  return row ?? null;
}
