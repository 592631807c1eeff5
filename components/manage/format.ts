import type { ExpertiseMatch, Suggestion } from "@/lib/domain/assignment";

/** Numbers for people on screen (the CSV downloads keep them unrounded). */
const upToTwo = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
const oneDecimal = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat("en-GB");

/** A mean score: 4.666… → "4.67", 5 → "5". */
export const formatMean = (n: number) => upToTwo.format(n);
/** A weighted total out of 100: 46.666… → "46.7". */
export const formatTotal = (n: number) => oneDecimal.format(n);
export const formatCount = (n: number) => whole.format(n);
export const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

const MATCH_TEXT: Record<ExpertiseMatch, string> = { domain: "domain expert", theme: "theme expert", none: "" };

/** How a suggested assessor reads, on screen and to a screen reader (the combobox and its no-JavaScript list). */
export function suggestionText(s: Suggestion): string {
  const load = `${s.load}${s.maxProposals !== null ? ` of at most ${s.maxProposals}` : ""} assigned`;
  return [`${s.name} (${s.organisation || "no organisation"})`, MATCH_TEXT[s.match], load].filter(Boolean).join(" – ");
}
