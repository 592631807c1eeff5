/**
 * "Strategic fit" of a proposal: does its technology domain, together with one of its
 * international partner countries, form a pair the report shortlisted (Table 1 / Table 6.2) or
 * longlisted (Table 6.1)?
 *
 * Rules:
 * - A shortlisted pair wins over a longlisted one (level = best match found).
 * - A partner in an EU member state matches an opportunity listed for "EU" (via: "EU").
 * - The UK ("GB", or "UK") is the home country and never counts as a partner country.
 * - Each partner country appears at most once in `matches`, with its strongest match; shortlisted
 *   matches come first, then longlisted, each in the order the partner countries were given.
 * - No domain (null/undefined/empty), or a domain outside the report's tables, gives "none".
 */

import { EU_CODE, isEuMember, isUkCode } from "./countries";
import { LONGLISTED_BY_COUNTRY, SHORTLISTED_OPPORTUNITIES } from "./opportunities";

export type StrategicFitLevel = "shortlisted" | "longlisted" | "none";

export interface StrategicFitMatch {
  /** The partner's country code (e.g. "FR", even when it matched through "EU"). */
  readonly country: string;
  readonly source: "Table 6.2" | "Table 6.1";
  /** Title (Table 1) of the shortlisted opportunity; absent for longlisted matches. */
  readonly opportunityTitle?: string;
  /** Present when the partner matched through EU membership rather than by name. */
  readonly via?: "EU";
}

export interface StrategicFitResult {
  readonly level: StrategicFitLevel;
  readonly matches: readonly StrategicFitMatch[];
}

/** Does a report country list (which may contain "EU") include this partner country? */
function listMatches(
  listed: readonly string[],
  partner: string,
): { readonly matched: boolean; readonly via?: "EU" } {
  if (listed.includes(partner)) return { matched: true };
  if (listed.includes(EU_CODE) && isEuMember(partner)) return { matched: true, via: EU_CODE };
  return { matched: false };
}

function normalisePartners(codes: readonly string[]): string[] {
  const seen: string[] = [];
  for (const raw of codes) {
    const code = raw.trim().toUpperCase();
    if (code === "" || isUkCode(code) || seen.includes(code)) continue;
    seen.push(code);
  }
  return seen;
}

export function strategicFit(
  domainId: string | null | undefined,
  partnerCountryCodes: readonly string[],
): StrategicFitResult {
  if (domainId == null || domainId.trim() === "") return { level: "none", matches: [] };
  const partners = normalisePartners(partnerCountryCodes);

  const shortlisted: StrategicFitMatch[] = [];
  const longlisted: StrategicFitMatch[] = [];
  const opportunities = SHORTLISTED_OPPORTUNITIES.filter((o) => o.domainIds.includes(domainId));
  const longRows = LONGLISTED_BY_COUNTRY.filter((r) => r.domainIds.includes(domainId));

  for (const partner of partners) {
    let found = false;
    for (const o of opportunities) {
      const m = listMatches(o.countries, partner);
      if (!m.matched) continue;
      shortlisted.push(
        m.via === undefined
          ? { country: partner, source: "Table 6.2", opportunityTitle: o.title }
          : { country: partner, source: "Table 6.2", opportunityTitle: o.title, via: m.via },
      );
      found = true;
      break;
    }
    if (found) continue;
    const m = listMatches(
      longRows.map((r) => r.country),
      partner,
    );
    if (m.matched) {
      longlisted.push(
        m.via === undefined
          ? { country: partner, source: "Table 6.1" }
          : { country: partner, source: "Table 6.1", via: m.via },
      );
    }
  }

  const level: StrategicFitLevel =
    shortlisted.length > 0 ? "shortlisted" : longlisted.length > 0 ? "longlisted" : "none";
  return { level, matches: [...shortlisted, ...longlisted] };
}
