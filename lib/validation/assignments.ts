import { z } from "zod";

/** The assessor-suggestions route's query: `?proposalId=12&q=smith&limit=20` (ids strictly decimal). */
export const suggestionsQuery = z.object({
  proposalId: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/)
    .transform(Number)
    .refine(Number.isSafeInteger),
  q: z.string().max(100).default(""),
  limit: z
    .string()
    .regex(/^[1-9][0-9]?$/)
    .transform(Number)
    .refine((n) => n <= 50)
    .default(20),
});
