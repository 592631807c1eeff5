/** A manager's form for one of a call's appendix slots (lib/server/manage/appendix-slots.ts). */
import { z } from "zod";
import { FILE_TYPE_KEYS, LARGEST_MAX_BYTES, MB, type FileType } from "@/lib/domain/appendices";

const LARGEST_MB = LARGEST_MAX_BYTES / MB;

const whole = (message: string, min: number, max: number) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d+$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message);

export const slotFormSchema = z.object({
  name: z.string({ error: "Enter a name for the appendix" }).trim().min(1, "Enter a name for the appendix").max(100, "Name must be 100 characters or fewer"),
  hint: z.string().trim().max(500, "Hint must be 500 characters or fewer").default(""),
  required: z.enum(["yes", "no"], { error: "Select whether bidders must upload this appendix" }),
  allowedTypes: z
    .array(z.enum(FILE_TYPE_KEYS as [FileType, ...FileType[]]), { error: "Select at least one file type" })
    .min(1, "Select at least one file type"),
  maxMegabytes: whole(`Maximum size must be a whole number of megabytes from 1 to ${LARGEST_MB}`, 1, LARGEST_MB),
  maxFiles: whole("Maximum number of files must be a whole number from 1 to 20", 1, 20),
  perPartner: z.boolean().default(false),
});

export type SlotFormOutput = z.output<typeof slotFormSchema>;

export const addSlotInput = z.object({ callId: z.coerce.number().int().positive(), values: slotFormSchema });
export const removeSlotInput = z.object({ callId: z.coerce.number().int().positive(), slotId: z.coerce.number().int().positive() });
