/**
 * Agencies and their currencies. Pure: no I/O.
 *
 * Tandem has one home agency (the UK funder) and any number of partner agencies, each with a
 * name, a country and a currency. Staff belong to exactly one agency; bidders to none.
 *
 * Amounts: every budget and grant is a whole number of its currency's main unit (whole pounds,
 * whole won, whole Canadian dollars...), stored as an integer. Funders state grant amounts and
 * budgets in whole units, the won has no minor unit in use, and integers keep sums exact. An
 * amount is only ever added to or compared with amounts in the same currency.
 *
 * The exchange rate of a joint call is fixed when the call is set up and used only to show an
 * amount's rough equivalent in the other currency; no calculation that decides anything uses it.
 */

export const AGENCY_KINDS = ["home", "partner"] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export interface Agency {
  id: number;
  kind: AgencyKind;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** ISO 4217, one of CURRENCIES. */
  currency: CurrencyCode;
}

/** The currencies of the funders Tandem works with (ISO 4217). */
export const CURRENCIES = [
  { code: "GBP", name: "Pound sterling" },
  { code: "KRW", name: "South Korean won" },
  { code: "CAD", name: "Canadian dollar" },
  { code: "CHF", name: "Swiss franc" },
  { code: "EUR", name: "Euro" },
  { code: "JPY", name: "Japanese yen" },
  { code: "USD", name: "United States dollar" },
  { code: "SGD", name: "Singapore dollar" },
  { code: "AUD", name: "Australian dollar" },
  { code: "INR", name: "Indian rupee" },
  { code: "BRL", name: "Brazilian real" },
  { code: "CNY", name: "Chinese yuan" },
  { code: "TWD", name: "New Taiwan dollar" },
  { code: "ILS", name: "Israeli new shekel" },
  { code: "NOK", name: "Norwegian krone" },
  { code: "SEK", name: "Swedish krona" },
  { code: "DKK", name: "Danish krone" },
  { code: "NZD", name: "New Zealand dollar" },
] as const;
export type CurrencyCode = (typeof CURRENCIES)[number]["code"];

export const HOME_CURRENCY: CurrencyCode = "GBP";

export function isCurrencyCode(code: string): code is CurrencyCode {
  return CURRENCIES.some((c) => c.code === code);
}

export function currencyName(code: string): string {
  return CURRENCIES.find((c) => c.code === code)?.name ?? code;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** A whole amount in its currency, in UK English: "£250,000", "₩1,500,000,000", "CA$10,000". */
export function formatMoney(amount: number, currency: string): string {
  let f = formatters.get(currency);
  if (!f) {
    f = new Intl.NumberFormat("en-GB", { style: "currency", currency, maximumFractionDigits: 0, minimumFractionDigits: 0 });
    formatters.set(currency, f);
  }
  return f.format(amount);
}

/**
 * The display-only equivalent of a partner-currency amount in pounds, rounded to whole pounds.
 * `rate` is partner currency units per pound (e.g. 1,750 won per pound).
 */
export function partnerToPounds(amount: number, rate: number): number {
  return rate > 0 ? Math.round(amount / rate) : 0;
}

/** The display-only equivalent of an amount in pounds in the partner currency, rounded. */
export function poundsToPartner(amount: number, rate: number): number {
  return Math.round(amount * rate);
}

/**
 * Whether a member of `staffAgency` may see a call. The home agency runs every call; a partner
 * agency sees only the joint calls it is the partner of (never home-only calls, never another
 * partner's calls).
 */
export function agencyMaySeeCall(staffAgency: Pick<Agency, "id" | "kind">, call: { partnerAgencyId: number | null }): boolean {
  if (staffAgency.kind === "home") return true;
  return call.partnerAgencyId !== null && call.partnerAgencyId === staffAgency.id;
}

/** Which side of a joint call an agency is on, or null when it takes no part in the call. */
export function sideOf(
  staffAgency: Pick<Agency, "id" | "kind">,
  call: { partnerAgencyId: number | null },
): "home" | "partner" | null {
  if (staffAgency.kind === "home") return "home";
  return call.partnerAgencyId === staffAgency.id ? "partner" : null;
}
