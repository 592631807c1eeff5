/**
 * The server-action body limits agree, in bytes, with the largest draft validation accepts and the
 * largest appendix a slot allows
 * (issue 11: a valid 1.2 MB draft used to fail with a 500 and be retried forever).
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { PROPOSAL_SECTIONS, type ProposalAnswers } from "@/lib/domain/proposal/questions";
import { ACTION_CALL_BODY_LIMIT_BYTES, SERVER_ACTION_BODY_LIMIT, SERVER_ACTION_BODY_LIMIT_BYTES } from "@/lib/limits";
import { LARGEST_MAX_BYTES } from "@/lib/domain/appendices";
import { PERMISSIONS_POLICY } from "@/lib/security-headers";
import { draftCharCap, PARTNER_ROLE_MAX_WORDS, saveDraftInput } from "@/lib/validation/proposal";
import { charCapForWords } from "@/lib/domain/text";

const require = createRequire(import.meta.url);
const nextConfig = require("../../next.config.js") as {
  experimental: { serverActions: { bodySizeLimit: string } };
  headers: () => Promise<{ headers: { key: string; value: string }[] }[]>;
};

/** Three UTF-8 bytes per UTF-16 unit: the most any accepted character costs in JSON. */
const WIDE = "語";

/** The largest draft the schema accepts: every answer at its cap, in three-byte characters. */
function largestValidDraft(): ProposalAnswers {
  const answers: ProposalAnswers = {};
  for (const section of PROPOSAL_SECTIONS) {
    const target: Record<string, unknown> = {};
    for (const q of section.questions) {
      if (q.kind === "checklist") target[q.key] = q.options.map((o) => o.value.padEnd(100, "x")).slice(0, q.options.length);
      else if (q.kind === "partners") {
        target[q.key] = Array.from({ length: q.maxRows }, () => ({
          organisation: WIDE.repeat(200),
          country: WIDE.repeat(100),
          type: WIDE.repeat(100),
          role: WIDE.repeat(charCapForWords(PARTNER_ROLE_MAX_WORDS)),
          share: WIDE.repeat(20),
        }));
      } else target[q.key] = WIDE.repeat(draftCharCap(q));
    }
    answers[section.key] = target as ProposalAnswers[string];
  }
  return answers;
}

/**
 * A draft save's body: the input as JSON, as the autosave posts it to its route (actionRoute), inside
 * the array React sends for a server action's arguments (2 bytes more, so this bounds both).
 */
function actionBody(answers: ProposalAnswers): string {
  const id = "f".repeat(64);
  return JSON.stringify([
    { proposalId: 2_147_483_647, baseVersion: 2_147_483_647, answers, overwrite: false, saveId: id, unconfirmed: Array.from({ length: 50 }, () => id) },
  ]);
}

describe("request size limits", () => {
  it("uses the same body limit in next.config.js and lib/limits.ts", () => {
    expect(nextConfig.experimental.serverActions.bodySizeLimit).toBe(SERVER_ACTION_BODY_LIMIT);
    expect(SERVER_ACTION_BODY_LIMIT_BYTES).toBe(21 * 1024 * 1024);
  });

  it("lets a form post carry the largest appendix a slot allows, with room for its other fields", () => {
    expect(SERVER_ACTION_BODY_LIMIT_BYTES - LARGEST_MAX_BYTES).toBeGreaterThanOrEqual(64 * 1024);
    expect(ACTION_CALL_BODY_LIMIT_BYTES).toBeLessThan(SERVER_ACTION_BODY_LIMIT_BYTES);
  });

  it("fits the largest valid draft, encoded as the browser sends it, within the body limit", () => {
    const answers = largestValidDraft();
    const input = JSON.parse(actionBody(answers))[0];
    expect(saveDraftInput.safeParse(input).success).toBe(true);
    const bytes = Buffer.byteLength(actionBody(answers), "utf8");
    expect(bytes).toBeLessThanOrEqual(ACTION_CALL_BODY_LIMIT_BYTES);
  });

  it("refuses in validation a draft one character over a cap, so nothing valid can be too large", () => {
    const answers = largestValidDraft();
    const summary = PROPOSAL_SECTIONS.find((s) => s.key === "project")!.questions.find((q) => q.key === "summary")!;
    (answers.project as Record<string, unknown>).summary = WIDE.repeat(draftCharCap(summary) + 1);
    expect(saveDraftInput.safeParse(JSON.parse(actionBody(answers))[0]).success).toBe(false);
  });

  it("sends the same Permissions-Policy from next.config.js as lib/security-headers.ts defines", async () => {
    const [rule] = await nextConfig.headers();
    expect(rule!.headers.find((h) => h.key === "Permissions-Policy")?.value).toBe(PERMISSIONS_POLICY);
  });
});
