/**
 * A large closed call for browser tests: N submitted proposals with realistic answers, each
 * assessed by `assessorsPerProposal` assessors (submitted assessments), written straight into the
 * e2e server's database by the benchmark's builder (scripts/bench/support/large-call.ts).
 *
 *   const call = await largeCall({ key: "ranking", proposals: 1_500 });
 *   await signIn(page, call.manager.email, call.manager.password);
 *   await page.goto(`/manage/calls/${call.callId}/ranking`);
 *
 * Idempotent per `key`: a second call with the same key (another test, a retry) returns the call
 * written the first time. Use your own key per spec so specs never share state. The call is
 * closed and not released; its users are `manager@KEY.large.test`, `assessorN@KEY.large.test`
 * (named `Assessor 001`…) and `bidderN@KEY.large.test`, all with `LARGE_CALL_PASSWORD`.
 * 1,500 proposals take about 3 s to write.
 */
import { closeDb, getSqlite } from "../../../db/client";
import { writeLargeCall } from "../../../scripts/bench/support/large-call";
import { e2eDatabasePath } from "./database";

export const LARGE_CALL_PASSWORD = "large-call-password";

export interface LargeCallFixtureOptions {
  /** Names the call and its users; one per spec. */
  key: string;
  /** Default 1,500. */
  proposals?: number;
  /** Default 60. */
  assessors?: number;
  /** Default 3 (also the call's required assessors). */
  assessorsPerProposal?: number;
  /** The last this many proposals (highest ids) have no assessors yet. Default 0. */
  awaitingAssessors?: number;
  /** Default 2026. */
  seed?: number;
}

export interface LargeCallFixture {
  callId: number;
  title: string;
  manager: { email: string; password: string };
  proposals: number;
  /** Proposal ids in id order (the ones awaiting assessors last). */
  proposalIds: number[];
  /** Proposals without assessors (the last `awaitingAssessors` of `proposalIds`). */
  awaitingAssessorIds: number[];
  assessors: { id: number; email: string; name: string }[];
}

export const largeCallTitle = (key: string) => `Large call (${key}): production-scale manufacturing`;

export async function largeCall(options: LargeCallFixtureOptions): Promise<LargeCallFixture> {
  if (!/^[a-z0-9-]+$/.test(options.key)) throw new Error("largeCall: key must be lower-case letters, digits and hyphens");
  const emailDomain = `${options.key}.large.test`;
  const title = largeCallTitle(options.key);
  const previous = process.env.DATABASE_PATH;
  process.env.DATABASE_PATH = e2eDatabasePath();
  closeDb();
  try {
    const sqlite = getSqlite();
    const existing = sqlite.prepare("SELECT id FROM calls WHERE title = ?").get(title) as { id: number } | undefined;
    if (!existing) {
      await writeLargeCall({
        size: {
          proposals: options.proposals ?? 1_500,
          assessors: options.assessors ?? 60,
          assessorsPerProposal: options.assessorsPerProposal ?? 3,
          bidders: 0,
        },
        seed: options.seed ?? 2026,
        emailDomain,
        closedTitle: title,
        password: LARGE_CALL_PASSWORD,
        awaitingAssessors: options.awaitingAssessors ?? 0,
      });
    }
    return readBack(title, emailDomain);
  } finally {
    closeDb();
    if (previous === undefined) delete process.env.DATABASE_PATH;
    else process.env.DATABASE_PATH = previous;
  }
}

function readBack(title: string, emailDomain: string): LargeCallFixture {
  const sqlite = getSqlite();
  const { id: callId } = sqlite.prepare("SELECT id FROM calls WHERE title = ?").get(title) as { id: number };
  const rows = sqlite
    .prepare("SELECT p.id, (SELECT count(*) FROM assignments a WHERE a.proposal_id = p.id) AS assigned FROM proposals p WHERE p.call_id = ? ORDER BY p.id")
    .all(callId) as { id: number; assigned: number }[];
  const assessors = sqlite
    .prepare("SELECT id, email, name FROM users WHERE role = 'assessor' AND email LIKE ? ORDER BY id")
    .all(`%@${emailDomain}`) as { id: number; email: string; name: string }[];
  return {
    callId,
    title,
    manager: { email: `manager@${emailDomain}`, password: LARGE_CALL_PASSWORD },
    proposals: rows.length,
    proposalIds: rows.map((r) => r.id),
    awaitingAssessorIds: rows.filter((r) => r.assigned === 0).map((r) => r.id),
    assessors,
  };
}
