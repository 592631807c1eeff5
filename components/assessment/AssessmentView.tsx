import { IN_SCOPE_QUESTION } from "@/lib/validation/assessment";
import { bandFor, type RubricCriterion } from "@/lib/domain/rubric";
import { parseScore, type AssessmentFormValues } from "@/lib/validation/assessment";
import { CONFIDENCE_LABELS, RECOMMENDATION_LABELS } from "./labels";

const notGiven = <span className="muted">Not given</span>;

function ScoreText({ criterion, value }: { criterion: RubricCriterion; value: string }) {
  const score = parseScore(value, criterion);
  if (score === null) return notGiven;
  const band = bandFor(criterion, score);
  return (
    <>
      <strong>
        {score} out of {criterion.scaleMax}
      </strong>
      {band ? ` – ${band.label}` : null}
    </>
  );
}

/** The assessor's own assessment, read-only (after submission), laid out like the form. */
export function AssessmentView({ criteria, values }: { criteria: readonly RubricCriterion[]; values: AssessmentFormValues }) {
  return (
    <>
      {criteria.map((c, i) => (
        <section key={c.key} className="section" aria-labelledby={`view-criterion-${c.key}`}>
          <span className="caption">
            Criterion {i + 1} of {criteria.length} · weight {c.weight}%
          </span>
          <h3 id={`view-criterion-${c.key}`}>{c.title}</h3>
          <dl className="summary-list">
            <div>
              <dt>Score</dt>
              <dd>
                <ScoreText criterion={c} value={values.scores[c.key] ?? ""} />
              </dd>
            </div>
            <div>
              <dt>Justification</dt>
              <dd>{values.justifications[c.key]?.trim() || notGiven}</dd>
            </div>
          </dl>
        </section>
      ))}
      <section className="section" aria-labelledby="view-overall">
        <h3 id="view-overall">Overall</h3>
        <dl className="summary-list">
          <div>
            <dt>{IN_SCOPE_QUESTION}</dt>
            <dd>
              {values.inScope === "yes" ? "Yes" : values.inScope === "no" ? `No: ${values.inScopeComment.trim()}` : notGiven}
            </dd>
          </div>
          <div>
            <dt>Feedback for the bidder</dt>
            <dd>{values.bidderFeedback.trim() || notGiven}</dd>
          </div>
          <div>
            <dt>Comment for portfolio managers</dt>
            <dd>{values.privateComment.trim() || notGiven}</dd>
          </div>
          <div>
            <dt>Recommendation</dt>
            <dd>{values.recommendation ? RECOMMENDATION_LABELS[values.recommendation] : notGiven}</dd>
          </div>
          <div>
            <dt>Confidence</dt>
            <dd>{values.confidence ? CONFIDENCE_LABELS[values.confidence] : notGiven}</dd>
          </div>
        </dl>
      </section>
    </>
  );
}
