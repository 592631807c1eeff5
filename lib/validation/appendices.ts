/** Inputs of the appendix actions (lib/server/appendices.ts). */
import { z } from "zod";
import { completedAnswer } from "./tasks";

const proposalId = z.coerce.number({ error: "Unknown proposal" }).int().positive();
const slotKey = z.string().trim().min(1).max(100);


export const uploadAppendixInput = z.object({
  proposalId,
  slotKey,
  /** null when no file was chosen. The bytes are null when the body was not read (too large). */
  file: z
    .object({
      name: z.string().max(1_000),
      size: z.number().int().nonnegative(),
      bytes: z.instanceof(Uint8Array).nullable(),
    })
    .nullable(),
});

export const removeAppendixInput = z.object({ proposalId, fileId: z.coerce.number().int().positive() });

export const markAppendixInput = z.object({ proposalId, slotKey, completed: completedAnswer });
