/** Wording shared by the assessment form and its read-only view (a plain module: usable on the server). */
export const RECOMMENDATION_LABELS = { yes: "Yes, fund this proposal", no: "No, do not fund this proposal" } as const;
export const CONFIDENCE_LABELS = { low: "Low", medium: "Medium", high: "High" } as const;
export const CONFIDENCE_HINTS = {
  low: "The proposal is largely outside my expertise.",
  medium: "I know the field but not every aspect of the proposal.",
  high: "The proposal is squarely within my expertise.",
} as const;
