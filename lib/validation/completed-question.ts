/**
 * The wording of "Have you completed this section?" (GOV.UK complete multiple tasks pattern) and
 * its messages, without zod: client components import these, and zod stays out of the bidder's
 * bundle. The schema that checks the answer is `completedAnswer` in ./tasks.
 */
export const COMPLETED_QUESTION = "Have you completed this section?";
export const COMPLETED_OPTIONS = [
  { value: "yes", label: "Yes, I've completed this section" },
  { value: "no", label: "No, I'll come back later" },
] as const;
export type CompletedAnswer = (typeof COMPLETED_OPTIONS)[number]["value"];
export const COMPLETED_REQUIRED = "Select whether you've completed this section";
/** On the radios, when "Yes" is refused because something is still missing. */
export const NOT_COMPLETE_YET = "You cannot mark this section as completed until the problems listed are fixed";
