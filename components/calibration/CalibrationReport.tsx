import { BarChart, IntervalPlot, type Tone } from "@/components/charts";
import { formatCount, formatMean, formatTotal, plural } from "@/components/manage/format";
import styles from "@/components/manage/manage.module.css";
import { Pagination } from "@/components/manage/Pagination";
import { ScrollTable } from "@/components/manage/ScrollTable";
import type { CalibrationResult, ReliabilityRow } from "@/lib/domain/calibration/analyse";
import { RHAT_LIMIT } from "@/lib/domain/calibration/gibbs";
import { CALIBRATION_PAGE_SIZE, calibrationReportPage, fundingLinePage, type CalibrationReportPage } from "@/lib/domain/calibration/report-page";
import { ZONE_LABELS, type Zone } from "@/lib/domain/calibration/zones";
import { formatMoney } from "@/lib/domain/agencies";
import type { PerAgency } from "@/lib/domain/joint";
import type { JointCalibration } from "@/lib/domain/joint-calibration";
import { paths } from "@/lib/paths";
import Link from "next/link";

const ZONE_TONE: Record<Zone, Tone> = { fund: "good", close: "neutral", reject: "bad" };
const ZONE_TAG: Record<Zone, string> = { fund: "tag tag--green", close: "tag tag--yellow", reject: "tag tag--red" };
const r2 = (n: number) => formatMean(n);
const range = (i: { low: number; high: number }, f = r2) => `${f(i.low)}–${f(i.high)}`;

/** ICC in plain words (Shrout & Fleiss 1979; see lib/domain/calibration/reliability.ts). */
function reliabilityWords(row: ReliabilityRow): string {
  const icc = row.icc;
  if (!icc) return "Not enough scores to say.";
  const k = formatMean(icc.n0);
  const agreement =
    icc.icck >= 0.7 ? "well" : icc.icck >= 0.5 ? "moderately well" : icc.icck >= 0.3 ? "only weakly" : "hardly at all";
  const needed =
    icc.neededFor07 === null
      ? "No number of assessors would make it reliable: assessors do not agree beyond chance."
      : `About ${Math.ceil(icc.neededFor07)} assessors per proposal would be needed for a reliability of 0.7.`;
  return `Another panel of ${k} assessors would agree ${agreement} with this one on it (their averages would correlate about ${formatMean(icc.icck)}). Two single assessors agree about ${formatMean(icc.icc1)}. ${needed}`;
}

/** A joint call's joint ranking: both agencies, each with its grants, currency and funding line. */
export interface JointReport {
  agencies: PerAgency<{ name: string; currency: string }>;
  lines: JointCalibration["lines"];
  agencyZones: JointCalibration["agencyZones"];
  grants: JointCalibration["grants"];
}

/**
 * `currency`: the grants' currency (on a joint call, the panel's agency's; pounds otherwise).
 * `joint`: set for a joint call's joint ranking, whose zones come from both agencies' lines.
 * `page`, `pageHref`: which page of the proposals to show (lib/domain/calibration/report-page.ts)
 * and the address of another page.
 */
export function CalibrationReport({
  callId,
  result,
  titles,
  currency = "GBP",
  joint,
  page = 1,
  pageHref,
}: {
  callId: number;
  result: CalibrationResult;
  titles: Record<number, string>;
  currency?: string;
  joint?: JointReport;
  page?: number;
  pageHref: (page: number) => string;
}) {
  const model = result.model!;
  const d = model.diagnostics;
  const shown = calibrationReportPage(result.proposals, page);
  const byEr = shown.byExpectedRank;
  const [low, high] = shown.domain;
  const lineShown = result.fundingLine !== null && result.fundingLine >= low && result.fundingLine <= high;
  const zones: Partial<Record<Zone, number>> = {};
  for (const p of result.proposals) zones[p.zone] = (zones[p.zone] ?? 0) + 1;
  const total = result.reliability.find((r) => r.key === "total");
  const label = (id: number) => `${id}: ${titles[id] ?? ""}`;

  return (
    <>
      {d.converged ? null : (
        <div className="notification notification--warning" role="note">
          <h2>The model has not settled: treat these numbers as unreliable</h2>
          <p>
            Its {d.chains} independent runs do not yet agree (largest rank-normalised R-hat {formatMean(d.maxRhat)}, should be at most {RHAT_LIMIT};
            smallest bulk effective sample size {formatCount(Math.round(d.minEss))}, should be at least {formatCount(100 * d.chains)}).
            The zones and the lottery are not offered until it has.
          </p>
        </div>
      )}
      {result.panels.length > 1 ? (
        <div className="notification notification--warning" role="note">
          <h2>The assessors form {result.panels.length} separate panels</h2>
          <p>
            No assessor scored proposals in more than one of these groups, so a harsh group of assessors cannot be told apart
            from a weaker group of proposals. Compare calibrated scores within a group, not across groups.
          </p>
          <ul>
            {result.panels.map((p, i) => (
              <li key={i}>
                Group {i + 1}: {plural(p.proposalIds.length, "proposal", "proposals")} ({p.proposalIds.join(", ")}),{" "}
                {plural(p.assessorIds.length, "assessor", "assessors")}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <ul className={styles.stats}>
        <li>
          <strong>{formatCount(zones.fund ?? 0)}</strong> fund
        </li>
        <li>
          <strong>{formatCount(zones.close ?? 0)}</strong> too close to call
        </li>
        <li>
          <strong>{formatCount(zones.reject ?? 0)}</strong> do not fund
        </li>
        <li>
          <strong>{total?.icc ? formatMean(total.icc.icck) : "–"}</strong> reliability of the panel&apos;s totals
        </li>
      </ul>

      <h2 id="expected-ranks-heading">Expected ranks and the funding line</h2>
      <p>
        The model separates each proposal&apos;s quality from each assessor&apos;s leniency. A proposal&apos;s expected rank is its
        average rank over many plausible versions of the truth; the bars show where its rank lies half the time (thick) and 9
        times in 10 (thin).{" "}
        {joint
          ? jointLineWords(joint)
          : result.fundingLine === null
            ? "Every passing proposal fits in the budget, so there is no funding line."
            : `The funding line is at expected rank ${formatMean(result.fundingLine)}: proposals whose thick bar lies wholly above it are "fund", wholly below "do not fund", the rest "too close to call".`}
      </p>
      <ReportPages shown={shown} result={result} joint={joint} pageHref={pageHref} />
      <IntervalPlot
        id="expected-ranks"
        title={`Expected rank of each proposal, with 50 % and 90 % rank intervals${shown.pages > 1 ? `: places ${formatCount(shown.first)} to ${formatCount(shown.last)} of ${formatCount(shown.total)}` : ""}`}
        summary={`${shown.pages > 1 ? `Places ${formatCount(shown.first)} to ${formatCount(shown.last)} of ${plural(shown.total, "ranked proposal", "ranked proposals")}` : plural(result.proposals.length, "ranked proposal", "ranked proposals")} in expected-rank order: ${pageZones(byEr)}.${result.fundingLine === null ? "" : ` Funding line at expected rank ${formatMean(result.fundingLine)}${lineShown ? "" : ", outside this page's ranks"}.`}`}
        rows={byEr.map((p) => ({
          label: label(p.id),
          point: p.expectedRank,
          inner: [p.rank50.low, p.rank50.high],
          outer: [p.rank90.low, p.rank90.high],
          tone: ZONE_TONE[p.zone],
          note: ZONE_LABELS[p.zone],
        }))}
        valueLabel="Rank (1 = best)"
        labelHeading="Proposal"
        pointLabel="Expected rank"
        intervalLabels={{ inner: "50 % rank interval", outer: "90 % rank interval" }}
        noteLabel="Zone"
        reference={lineShown ? { value: result.fundingLine!, label: "Funding line" } : undefined}
        domain={shown.domain}
        tones={{ good: "Fund", neutral: "Too close to call", bad: "Do not fund" }}
      />
      {joint ? <AgencyZonesTable joint={joint} proposals={byEr} /> : null}

      <h2>Raw and calibrated, side by side</h2>
      <ScrollTable
        caption={`Ranked proposals in raw rank order${shown.pages > 1 ? `, places ${formatCount(shown.first)} to ${formatCount(shown.last)} of ${formatCount(shown.total)}` : ""}. Raw total from the call's rule; calibrated from the model.`}
        dense
      >
        <thead>
          <tr>
            <th scope="col" className={styles.num}>
              Raw rank
            </th>
            <th scope="col">Proposal</th>
            <th scope="col" className={styles.num}>
              Raw total
            </th>
            <th scope="col" className={styles.num}>
              Calibrated total (90 % interval)
            </th>
            <th scope="col" className={styles.num}>
              Expected rank
            </th>
            <th scope="col" className={styles.num}>
              50 % rank interval
            </th>
            <th scope="col" className={styles.num}>
              90 % rank interval
            </th>
            <th scope="col">Zone</th>
            <th scope="col">Fragile</th>
          </tr>
        </thead>
        <tbody>
          {shown.byRawRank.map((p) => (
            <tr key={p.id}>
              <td className={styles.num}>{p.rawRank}</td>
              <th scope="row">
                <Link href={paths.callProposal(callId, p.id)}>{p.title}</Link>
                <span className={styles.meta}>
                  {joint
                    ? `${formatMoney(joint.grants[p.id]?.home ?? p.grantRequested, joint.agencies.home.currency)} and ${formatMoney(joint.grants[p.id]?.partner ?? 0, joint.agencies.partner.currency)}`
                    : formatMoney(p.grantRequested, currency)}
                  {p.withinBudget ? (joint ? " · within both agencies' lines (raw)" : " · within budget (raw)") : ""}
                  {p.passes ? "" : " · fails a minimum"}
                </span>
              </th>
              <td className={styles.num}>{formatTotal(p.weightedTotal)}</td>
              <td className={styles.num}>
                {formatTotal(p.calibrated)} ({range(p.calibrated90, formatTotal)})
              </td>
              <td className={styles.num}>{formatMean(p.expectedRank)}</td>
              <td className={styles.num}>{range(p.rank50)}</td>
              <td className={styles.num}>{range(p.rank90)}</td>
              <td>
                <span className={ZONE_TAG[p.zone]}>{ZONE_LABELS[p.zone]}</span>
              </td>
              <td>{p.fragile ? <span className="tag tag--yellow">Fragile</span> : "No"}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <p className="hint">
        Fragile: dropping any one of the proposal&apos;s assessments would move it across the raw funding line
        {joint ? " of either agency" : ""}.
      </p>

      <h2>Assessor leniency</h2>
      <p>
        How many points each assessor adds to (or takes from) a proposal&apos;s total compared with a typical assessor, after
        allowing for the quality of the proposals they happened to get. An assessor who scored few proposals gets a small
        correction: the model is not sure about them. Per-assessor z-scores are not used: with 5–20 proposals each they would
        erase real differences in quality.
      </p>
      <IntervalPlot
        id="leniency"
        title="Leniency of each assessor, points on the 0–100 total, with 90 % intervals"
        summary={`${plural(result.assessors.length, "assessor", "assessors")}. Most lenient: ${[...result.assessors].sort((a, b) => b.leniency - a.leniency)[0]?.name ?? "–"}; harshest: ${[...result.assessors].sort((a, b) => a.leniency - b.leniency)[0]?.name ?? "–"}.`}
        rows={[...result.assessors]
          .sort((a, b) => b.leniency - a.leniency)
          .map((a) => ({ label: `${a.name} (${a.proposalsScored})`, point: a.leniency, outer: [a.leniency90.low, a.leniency90.high] }))}
        valueLabel="Leniency (points on the 0–100 total; 0 = typical)"
        labelHeading="Assessor (proposals scored)"
        pointLabel="Leniency"
        intervalLabels={{ outer: "90 % interval" }}
        reference={{ value: 0, label: "Typical" }}
      />

      <h2>How reliable are the scores?</h2>
      <p>
        Reliability is the share of the differences between scores that comes from the proposals rather than from who assessed
        them (intraclass correlation, one-way model, over all {formatCount(result.counts.proposals)} ranked proposals; 95 %
        intervals by resampling proposals).
      </p>
      <ScrollTable caption="Reliability of one assessor, ICC(1), and of the panel's mean, ICC(1,k)" dense>
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col" className={styles.num}>
              One assessor (95 %)
            </th>
            <th scope="col" className={styles.num}>
              Panel mean (95 %)
            </th>
            <th scope="col" className={styles.num}>
              Assessors for 0.7
            </th>
            <th scope="col">In plain words</th>
          </tr>
        </thead>
        <tbody>
          {result.reliability.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.title}</th>
              <td className={styles.num}>
                {r.icc ? `${formatMean(r.icc.icc1)}${r.icc.icc1Ci95 ? ` (${range(r.icc.icc1Ci95)})` : ""}` : "–"}
              </td>
              <td className={styles.num}>
                {r.icc ? `${formatMean(r.icc.icck)}${r.icc.icckCi95 ? ` (${range(r.icc.icckCi95)})` : ""}` : "–"}
              </td>
              <td className={styles.num}>{r.icc?.neededFor07 == null ? "–" : formatMean(r.icc.neededFor07)}</td>
              <td>{reliabilityWords(r)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>

      <h2>Score distributions</h2>
      <p>How often each score was given on each criterion, and how much of its spread the model puts down to the assessor.</p>
      {result.criteria.map((c) => (
        <BarChart
          key={c.key}
          id={`dist-${c.key}`}
          title={`${c.title}: scores given`}
          summary={`${formatCount(c.distribution.reduce((s, x) => s + x.count, 0))} scores from ${c.scaleMin} to ${c.scaleMax}.${
            c.model
              ? ` Spread between proposals ${formatMean(c.model.tauProposal.mean)}, between assessors ${formatMean(c.model.tauAssessor.mean)}, other noise ${formatMean(c.model.sigma.mean)} (standard deviations, points).${c.model.diagnostics.converged ? "" : " This criterion's fit has not converged."}`
              : ""
          }`}
          series={[{ key: "count", label: "Scores" }]}
          groups={c.distribution.map((x) => ({ label: `Score ${x.value}`, values: { count: x.count } }))}
          valueLabel="Number of scores"
          groupHeading="Score"
          digits={0}
          barHeight={12}
          labelWidth={90}
          width={520}
          format={(v) => formatCount(v)}
        />
      ))}
      <p className="hint">
        Fitted in {formatMean(result.seconds)} s: {d.chains} chains of {formatCount(d.warmup)} warm-up and {formatCount(d.draws)}{" "}
        kept draws; largest rank-normalised R-hat {formatMean(d.maxRhat)}, smallest bulk effective sample size {formatCount(Math.round(d.minEss))}.
      </p>
    </>
  );
}

/** How many of `proposals` are in each zone, in words. */
function pageZones(proposals: readonly CalibrationResult["proposals"][number][]): string {
  const count = (zone: Zone) => proposals.filter((p) => p.zone === zone).length;
  return `${count("fund")} fund, ${count("close")} too close to call, ${count("reject")} do not fund`;
}

/** Page links over the proposals, with a way to the page where each funding line falls. */
function ReportPages({
  shown,
  result,
  joint,
  pageHref,
}: {
  shown: CalibrationReportPage;
  result: CalibrationResult;
  joint?: JointReport;
  pageHref: (page: number) => string;
}) {
  if (shown.pages <= 1) return null;
  const lines = joint
    ? (["home", "partner"] as const).map((side) => ({ label: `${joint.agencies[side].name}'s funding line`, at: joint.lines[side] }))
    : [{ label: "the funding line", at: result.fundingLine }];
  const jumps = lines.flatMap(({ label, at }) => {
    const page = fundingLinePage(result.proposals, at);
    return page === null ? [] : [{ label, page }];
  });
  return (
    <>
      <p>
        {formatCount(shown.total)} proposals, {formatCount(CALIBRATION_PAGE_SIZE)} a page, in expected-rank order in the chart and raw-rank order in
        the table below.
        {jumps.map(({ label, page }) => (
          <span key={label}>
            {" "}
            {page === shown.page ? (
              `This page holds ${label}.`
            ) : (
              <Link href={pageHref(page)}>
                Go to {label} (page {formatCount(page)})
              </Link>
            )}
          </span>
        ))}
      </p>
      <Pagination page={shown.page} pages={shown.pages} href={pageHref} label="Pages of ranked proposals" />
    </>
  );
}

/** Where each agency's funding line is on a joint call's joint ranking, in words. */
function jointLineWords(joint: JointReport): string {
  const line = (side: "home" | "partner") => {
    const at = joint.lines[side];
    const name = joint.agencies[side].name;
    return at === null ? `every passing proposal fits ${name}'s budget, so it has no funding line` : `${name}'s funding line is at expected rank ${formatMean(at)}`;
  };
  return `Each agency's funding line is drawn on these expected ranks with its own grants against its own budget: ${line("home")}, and ${line("partner")}. A proposal is "fund" only when its thick bar lies wholly above both lines, "do not fund" when it lies wholly below either, and "too close to call" otherwise, as a project goes ahead only when both agencies fund it.`;
}

/** Each proposal's zone against each agency's own line, beside the joint zone. */
function AgencyZonesTable({ joint, proposals }: { joint: JointReport; proposals: readonly CalibrationResult["proposals"][number][] }) {
  return (
    <ScrollTable caption="Each proposal's zone against each agency's funding line, and the joint zone, in expected-rank order" dense>
      <thead>
        <tr>
          <th scope="col">Proposal</th>
          <th scope="col">{joint.agencies.home.name}</th>
          <th scope="col">{joint.agencies.partner.name}</th>
          <th scope="col">Joint zone</th>
        </tr>
      </thead>
      <tbody>
        {proposals.map((p) => {
          const zones = joint.agencyZones[p.id];
          return (
            <tr key={p.id}>
              <th scope="row">{p.title}</th>
              <td>{zones ? ZONE_LABELS[zones.home] : "–"}</td>
              <td>{zones ? ZONE_LABELS[zones.partner] : "–"}</td>
              <td>
                <span className={ZONE_TAG[p.zone]}>{ZONE_LABELS[p.zone]}</span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </ScrollTable>
  );
}
