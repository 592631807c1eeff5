/** "Have you completed this section?" (GOV.UK complete multiple tasks pattern), on every task page. */
import { z } from "zod";

export const COMPLETED_QUESTION = "Have you completed this section?";
export const COMPLETED_OPTIONS = [
  { value: "yes", label: "Yes, I've completed this section" },
  { value: "no", label: "No, I'll come back later" },
] as const;
export const COMPLETED_REQUIRED = "Select whether you've completed this section";
export const completedAnswer = z.enum(["yes", "no"], { error: COMPLETED_REQUIRED });
export type CompletedAnswer = z.infer<typeof completedAnswer>;
/** On the radios, when "Yes" is refused because something is still missing. */
export const NOT_COMPLETE_YET = "You cannot mark this section as completed until the problems listed are fixed";
