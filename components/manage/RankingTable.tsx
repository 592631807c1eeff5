import Link from "next/link";
import { describeFailure } from "@/lib/domain/ranking";
import { formatPounds } from "@/lib/format";
import { paths } from "@/lib/paths";
import type { AwaitingRow, RankingCriterionView, RankingRow } from "@/lib/server/manage/ranking";
import { StrategicFitTag } from "../proposal/StrategicFitNotice";
import { formatMean, formatTotal } from "./format";
import styles from "./manage.module.css";
import { ScrollTable } from "./ScrollTable";
import { OutcomeTag, PassTag } from "./Tags";

function countries(row: { partnerCountries: { code: string; name: string }[] }) {
  return row.partnerCountries.length > 0 ? row.partnerCountries.map((c) => c.name).join(", ") : <span className="muted">None</span>;
}

/** The ranked proposals with every column of the issue; numbers rounded for reading only. */
export function RankingTable({
  callId,
  criteria,
  rows,
  caption,
}: {
  callId: number;
  criteria: RankingCriterionView[];
  rows: RankingRow[];
  caption: string;
}) {
  const titleOf = new Map(criteria.map((c) => [c.key, c.title]));
  return (
    <ScrollTable caption={caption} dense>
      <thead>
        <tr>
          <th scope="col" className={styles.num}>
            Rank
          </th>
          <th scope="col" className={styles.cellMedium}>
            Proposal
          </th>
          <th scope="col">Lead organisation</th>
          <th scope="col">Partner countries</th>
          <th scope="col">Technology domain</th>
          <th scope="col">Strategic fit</th>
          <th scope="col" className={styles.num}>
            Assessments
          </th>
          <th scope="col" className={styles.cellMedium}>
            In scope
          </th>
          {criteria.map((c) => (
            <th scope="col" key={c.key} className={styles.num}>
              {c.title}
              <span className={styles.meta}>
                {c.weight}%{c.threshold !== null ? `, min ${formatMean(c.threshold)}` : ""}
              </span>
            </th>
          ))}
          <th scope="col" className={styles.num}>
            Weighted total
          </th>
          <th scope="col" className={styles.cellWide}>
            Result
          </th>
          <th scope="col" className={styles.num}>
            Grant requested
          </th>
          <th scope="col" className={styles.cellMedium}>
            Within budget
          </th>
          <th scope="col" className={styles.cellWide}>
            Disagreement
          </th>
          <th scope="col">Decision</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} className={r.passes ? undefined : styles.failing}>
            <td className={styles.num}>{r.rank}</td>
            <th scope="row">
              <Link href={paths.callProposal(callId, r.id)}>{r.title}</Link>
            </th>
            <td>{r.leadOrganisation}</td>
            <td>{countries(r)}</td>
            <td>{r.domain ? r.domain.shortName : <span className="muted">Not given</span>}</td>
            <td>
              <StrategicFitTag level={r.fit} />
            </td>
            <td className={styles.num}>
              {r.submittedAssessments} / {r.assessorsRequired}
            </td>
            <td>
              {r.inScope.inScope} of {r.inScope.counted}
              <span className="visually-hidden"> assessors said in scope</span>
              {r.inScope.majorityOutOfScope ? (
                <div>
                  <strong className="tag tag--red">Majority out of scope</strong>
                </div>
              ) : null}
            </td>
            {criteria.map((c) => {
              const failed = r.failedThresholds.some((f) => f.criterionKey === c.key);
              return (
                <td key={c.key} className={styles.num}>
                  {failed ? <strong>{formatMean(r.criterionMeans[c.key] ?? 0)}</strong> : formatMean(r.criterionMeans[c.key] ?? 0)}
                  {failed ? <span className="visually-hidden"> (below the minimum)</span> : null}
                </td>
              );
            })}
            <td className={styles.num}>
              <strong>{formatTotal(r.weightedTotal)}</strong>
            </td>
            <td>
              <PassTag passes={r.passes} />
              {r.failedThresholds.length > 0 ? (
                <ul className={styles.assessors}>
                  {r.failedThresholds.map((f) => (
                    <li key={f.criterionKey}>{describeFailure(f)}</li>
                  ))}
                </ul>
              ) : null}
            </td>
            <td className={styles.num}>{formatPounds(r.grantRequested)}</td>
            <td>
              {r.withinBudget ? (
                <>
                  <strong className="tag tag--green">Yes</strong>
                  <div className="muted">{formatPounds(r.cumulativeGrant)} so far</div>
                </>
              ) : (
                <strong className="tag">No</strong>
              )}
            </td>
            <td>
              {r.disagreements.length === 0 ? (
                <span className="muted">None</span>
              ) : (
                <>
                  <strong className="tag tag--yellow">{r.disagreements.length === 1 ? "1 criterion" : `${r.disagreements.length} criteria`}</strong>
                  <ul className={styles.assessors}>
                    {r.disagreements.map((d) => (
                      <li key={d.criterionKey}>
                        {titleOf.get(d.criterionKey) ?? d.criterionKey}: scores from {d.min} to {d.max}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </td>
            <td>{r.decision ? <OutcomeTag outcome={r.decision} /> : <span className="muted">Not yet</span>}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

export function AwaitingTable({ callId, rows }: { callId: number; rows: AwaitingRow[] }) {
  return (
    <ScrollTable caption="Proposals awaiting assessments, not ranked" dense hiddenCaption>
      <thead>
        <tr>
          <th scope="col">Proposal</th>
          <th scope="col">Lead organisation</th>
          <th scope="col">Partner countries</th>
          <th scope="col">Technology domain</th>
          <th scope="col" className={styles.num}>
            Assessments submitted
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <th scope="row">
              <Link href={paths.callProposal(callId, r.id)}>{r.title}</Link>
            </th>
            <td>{r.leadOrganisation}</td>
            <td>{countries(r)}</td>
            <td>{r.domain ? r.domain.shortName : <span className="muted">Not given</span>}</td>
            <td className={styles.num}>
              {r.submittedAssessments} of {r.assessorsRequired}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
