import { z } from "zod";
import { normaliseText } from "@/lib/domain/text";
import { callRefInput } from "./manage";

/** "Try again" after a failed fit: the viewer's own calibration, or (`joint`) a joint call's joint ranking. */
export const retryCalibrationSchema = callRefInput.extend({ joint: z.boolean().optional() });

/** Turning the lottery on or off for a call. */
export const lotterySettingSchema = callRefInput.extend({ enabled: z.boolean() });

/** Drawing: the manager confirms the draw whose seed hash is already in the audit log. */
export const lotteryDrawSchema = callRefInput.extend({ lotteryId: z.coerce.number().int().positive() });

/** Redoing a draw is never silent: it needs a reason, recorded in the audit log. */
export const lotteryRedoSchema = callRefInput.extend({
  reason: z
    .string({ error: "Give the reason for redoing the draw" })
    .transform((v) => normaliseText(v).trim())
    .pipe(
      z
        .string()
        .min(10, "Give the reason for redoing the draw (at least 10 characters)")
        .max(1000, "Keep the reason to 1,000 characters or fewer"),
    ),
});
export type LotteryRedoValues = z.input<typeof lotteryRedoSchema>;
