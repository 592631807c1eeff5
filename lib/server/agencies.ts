import "server-only";
import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agencies, type AgencyRow, type CallRow } from "@/db/schema";
import type { JointProposalContext } from "@/lib/domain/proposal/questions";
import { actorMay } from "@/lib/domain/permissions";
import { countryName } from "@/lib/domain/report/countries";
import { ActionError, FORBIDDEN_MESSAGE } from "./action-error";
import type { Actor } from "./users";

type Reader = Pick<Db, "select">;

/** The home agency's id, as a subquery (there is exactly one home agency; the migration creates it). */
export const homeAgencyIdSql = sql`(select ${agencies.id} from ${agencies} where ${agencies.kind} = 'home')`;

/**
 * Call set-up (details, budgets, rubric, appendix slots) is the home agency's alone. The action's
 * permission ("call:configure") already says so; data-layer writes that change a call's set-up
 * check it again, so no caller can skip it.
 */
export function requireMayConfigure(actor: Actor): void {
  if (!actorMay(actor, "call:configure")) throw new ActionError("forbidden", FORBIDDEN_MESSAGE);
}

/** The two agencies of a joint call. */
export interface JointAgencies {
  home: { id: number; name: string; currency: string };
  partner: { id: number; name: string; currency: string; country: string };
}

export async function loadJointAgencies(db: Reader, call: CallRow): Promise<JointAgencies | null> {
  if (call.partnerAgencyId === null) return null;
  const rows = await db.select().from(agencies).where(inArray(agencies.kind, ["home", "partner"]));
  const home = rows.find((a) => a.kind === "home");
  const partner = rows.find((a) => a.id === call.partnerAgencyId);
  if (!home || !partner) throw new Error(`Joint call ${call.id} has no home or partner agency`);
  const view = (a: AgencyRow) => ({ id: a.id, name: a.name, currency: a.currency });
  return { home: view(home), partner: { ...view(partner), country: partner.country } };
}

/** What the bidder's form needs on a joint call: the partner agency, its country and currency. */
export async function jointProposalContext(db: Reader, call: CallRow): Promise<JointProposalContext | null> {
  const both = await loadJointAgencies(db, call);
  if (!both) return null;
  return { agencyName: both.partner.name, country: both.partner.country, countryName: countryName(both.partner.country), currency: both.partner.currency };
}

