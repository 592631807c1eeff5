"use client";

import { get, useFormContext, useWatch, type Path } from "react-hook-form";
import { describedBy, Field } from "@/components/form/Field";
import { fieldId } from "@/components/form/field-id";
import type { RubricCriterion, ScoreBand } from "@/lib/domain/rubric";
import { MIN_JUSTIFICATION_WORDS, type AssessmentFormValues } from "@/lib/validation/assessment";
import styles from "./assessment.module.css";
import { MinimumWordCount } from "./MinimumWordCount";

type FormPath = Path<AssessmentFormValues>;

export function useFieldError(path: string): string | undefined {
  const { formState } = useFormContext<AssessmentFormValues>();
  const error = get(formState.errors, path) as { message?: string } | undefined;
  return error?.message;
}

const scoresIn = (band: ScoreBand) => Array.from({ length: band.max - band.min + 1 }, (_, i) => band.min + i);

/**
 * One rubric criterion: its guidance, the scale as radio buttons grouped by band with each band's
 * descriptor beside its scores, and the written justification.
 */
export function CriterionInput({ criterion, number, total }: { criterion: RubricCriterion; number: number; total: number }) {
  const { register, control } = useFormContext<AssessmentFormValues>();
  const scorePath = `scores.${criterion.key}`;
  const justificationPath = `justifications.${criterion.key}`;
  const scoreError = useFieldError(scorePath);
  const justificationError = useFieldError(justificationPath);
  const selected = useWatch({ control, name: scorePath as FormPath });
  const titleId = `criterion-${criterion.key}-title`;
  const countId = `${fieldId(justificationPath)}-count`;
  const registration = register(scorePath as FormPath);

  return (
    <section className="section" id={`criterion-${criterion.key}`} aria-labelledby={titleId}>
      <span className="caption">
        Criterion {number} of {total} · from the report: {criterion.source}
      </span>
      <h3 id={titleId}>{criterion.title}</h3>
      <p className={styles.criterionMeta}>
        <strong className="tag">Weight {criterion.weight}%</strong>
        {criterion.threshold !== null ? (
          <strong className="tag tag--yellow">Minimum to pass: {criterion.threshold}</strong>
        ) : null}
      </p>
      {criterion.guidance.length > 0 ? (
        <>
          <p className="hint">Questions to ask of the proposal:</p>
          <ul className={styles.guidance}>
            {criterion.guidance.map((g) => (
              <li key={g}>{g}</li>
            ))}
          </ul>
        </>
      ) : null}

      <Field
        path={scorePath}
        labelAs="legend"
        label={`Score for ${criterion.title}`}
        hint={`A whole number from ${criterion.scaleMin} to ${criterion.scaleMax}. Choose the band that fits the evidence, then the score within it.`}
        error={scoreError}
      >
        <div className={styles.bands}>
          {criterion.bands.map((band) => {
            const bandId = `${fieldId(scorePath)}-band-${band.min}`;
            const isSelected = scoresIn(band).some((s) => String(s) === selected);
            return (
              <div key={band.min} className={`${styles.band}${isSelected ? ` ${styles.bandSelected}` : ""}`}>
                <div className={styles.bandScores}>
                  {scoresIn(band).map((score) => {
                    const id = score === criterion.scaleMin ? fieldId(scorePath) : fieldId(`${scorePath}.${score}`);
                    return (
                      <div key={score} className={styles.radio}>
                        <input type="radio" id={id} value={String(score)} aria-describedby={bandId} {...registration} />
                        <label htmlFor={id}>{score}</label>
                      </div>
                    );
                  })}
                </div>
                <p className={styles.bandText} id={bandId}>
                  <strong>{band.label}</strong> {band.description}
                </p>
              </div>
            );
          })}
        </div>
      </Field>

      <Field
        path={justificationPath}
        label={`Justification for ${criterion.title}`}
        hint={`At least ${MIN_JUSTIFICATION_WORDS} words: what in the proposal supports your score, and what holds it back.`}
        error={justificationError}
      >
        <textarea
          id={fieldId(justificationPath)}
          rows={6}
          aria-invalid={Boolean(justificationError)}
          className={justificationError ? "input--error" : undefined}
          aria-describedby={describedBy(justificationPath, true, justificationError, countId)}
          {...register(justificationPath as FormPath)}
        />
        <MinimumWordCount control={control} name={justificationPath as FormPath} min={MIN_JUSTIFICATION_WORDS} id={countId} />
      </Field>
    </section>
  );
}
