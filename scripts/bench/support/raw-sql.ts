/**
 * The limit that several bench figures are measured beside: the ranking aggregate done in one
 * plain SQL statement (per-criterion means of the counted scores, the weighted total, ordered),
 * run with better-sqlite3 directly, no ORM and no page around it.
 */
import { getSqlite } from "../../../db/client";

const RAW_RANKING_SQL = `
WITH scores AS (
  SELECT g.proposal_id AS proposal_id, s.key AS key, CAST(s.value AS REAL) AS score
  FROM proposals p
  JOIN assignments g ON g.proposal_id = p.id
  JOIN assessments a ON a.assignment_id = g.id, json_each(a."values", '$.scores') s
  WHERE p.call_id = ? AND p.status = 'submitted' AND g.removed_at IS NULL
    AND (g.conflict_declaration IS NULL OR g.conflict_declaration <> 'conflict') AND a.status = 'submitted'
), means AS (
  SELECT m.proposal_id, SUM(r.weight / 100.0 * m.mean / r.scale_max * 100) AS total, MAX(m.spread) AS spread
  FROM (SELECT proposal_id, key, AVG(score) AS mean, MAX(score) - MIN(score) AS spread FROM scores GROUP BY proposal_id, key) m
  JOIN rubric_criteria r ON r.call_id = ? AND r.key = m.key
  GROUP BY m.proposal_id
)
SELECT m.proposal_id, json_extract(p.answers, '$.project.title') AS title,
       CAST(json_extract(p.answers, '$.project.grantRequested') AS INTEGER) AS grant_requested, m.total, m.spread
FROM means m JOIN proposals p ON p.id = m.proposal_id
ORDER BY m.total DESC, p.submitted_at, p.id`;

export function rawRankingAggregate(callId: number): unknown[] {
  return getSqlite().prepare(RAW_RANKING_SQL).all(callId, callId);
}
