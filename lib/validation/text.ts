import { z } from "zod";
import { BIDI_MESSAGE, hasBidiControls, isBlankText, normaliseText } from "@/lib/domain/text";

/**
 * A required one-line name, title or organisation: NFC, trimmed, at least one visible character,
 * no text-direction controls, at most `max` characters.
 */
export function nameText(required: string, label: string, max: number) {
  return z
    .string({ error: required })
    .transform((v) => normaliseText(v).trim())
    .refine((v) => !isBlankText(v), required)
    .refine((v) => !hasBidiControls(v), `${label} ${BIDI_MESSAGE}`)
    .refine((v) => v.length <= max, `${label} must be ${max.toLocaleString("en-GB")} characters or fewer`);
}
