"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { FormProvider, useForm, useFormContext, useWatch, type Control, type Path, type Resolver } from "react-hook-form";
import { describedBy, Field } from "@/components/form/Field";
import { ErrorSummary, type SummaryItem } from "@/components/form/ErrorSummary";
import { applyServerErrors, summariseErrors } from "@/components/form/errors";
import { fieldId } from "@/components/form/field-id";
import type { ActionResult } from "@/lib/action-result";
import { countWords } from "@/lib/domain/words";
import type { RubricCriterion } from "@/lib/domain/rubric";
import { paths } from "@/lib/paths";
import {
  MIN_JUSTIFICATION_WORDS,
  assessmentSubmitSchema,
  parseScore,
  type AssessmentFormValues,
} from "@/lib/validation/assessment";
import styles from "./assessment.module.css";
import { CriterionInput, useFieldError } from "./CriterionInput";
import { CONFIDENCE_HINTS, CONFIDENCE_LABELS, RECOMMENDATION_LABELS } from "./labels";
import { MinimumWordCount } from "./MinimumWordCount";
import { RadioChoices } from "./RadioChoices";
import { DraftNotices } from "@/components/form/autosave/DraftNotices";
import { SaveStatusPanel } from "@/components/form/autosave/SaveStatusPanel";
import { postDraft } from "@/components/form/autosave/post-draft";
import { useAutosave, type SaveIdentity } from "@/components/form/autosave/use-autosave";
import { normaliseAssessmentValues } from "@/lib/validation/assessment-actions";
import { IN_SCOPE_QUESTION } from "@/lib/validation/assessment";

type FormPath = Path<AssessmentFormValues>;

export interface AssessmentFormProps {
  assignmentId: number;
  /** The stored version, 0 when nothing has been saved yet. */
  version: number;
  values: AssessmentFormValues;
  criteria: RubricCriterion[];
  dueAtLabel: string;
  submit: (input: { assignmentId: number; baseVersion: number; values: AssessmentFormValues }) => Promise<ActionResult<{ version: number }>>;
}

/** The rubric scoring form: autosaved like the bidder's form, validated with the call's rubric. */
export function AssessmentForm(props: AssessmentFormProps) {
  const { assignmentId, criteria, submit: submitAction } = props;
  const router = useRouter();
  // The schema is built from the call's rubric; its static type is looser than the form values
  // it validates (scores keyed by criterion), hence the cast.
  const resolver = useMemo(
    () => zodResolver(assessmentSubmitSchema(criteria)) as unknown as Resolver<AssessmentFormValues>,
    [criteria],
  );
  const form = useForm<AssessmentFormValues>({
    resolver,
    defaultValues: props.values,
    mode: "onSubmit",
    // The error summary takes focus instead, as in the GOV.UK pattern.
    shouldFocusError: false,
  });
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const [submitting, setSubmitting] = useState(false);

  const onInvalid = useCallback(
    (fieldErrors: Record<string, string> | undefined) => setSummary(applyServerErrors(form.setError, fieldErrors)),
    [form.setError],
  );
  // Autosaves go to the save action's JSON route (app/api/assessments/[id]/draft).
  const save = useCallback(
    (values: AssessmentFormValues, baseVersion: number, overwrite: boolean, identity: SaveIdentity) =>
      postDraft<{ version: number; savedAt: string }>(paths.assessmentDraftSave(assignmentId), { assignmentId, baseVersion, values, overwrite, ...identity }),
    [assignmentId],
  );
  const normalise = useCallback((raw: unknown) => normaliseAssessmentValues(raw, criteria), [criteria]);
  const autosave = useAutosave({
    form,
    storageKey: `tandem:assessment-draft:${assignmentId}`,
    initialVersion: props.version,
    initialValues: props.values,
    normalise,
    save,
    onInvalid,
  });

  const onValid = async (values: AssessmentFormValues) => {
    setSubmitting(true);
    const submitted = await autosave.submit((baseVersion) => submitAction({ assignmentId, baseVersion, values }));
    setSubmitting(false);
    if (submitted) router.push(`${paths.assessment(assignmentId)}?submitted=1`);
  };

  return (
    <FormProvider {...form}>
      <DraftNotices
        noun="assessment"
        restored={autosave.restored}
        staleDraft={autosave.staleDraft}
        onRestore={autosave.restoreStaleDraft}
        onDiscard={autosave.discardStaleDraft}
      />
      <div className={styles.statusBar}>
        <SaveStatusPanel
          status={autosave.status}
          noun="assessment"
          returnTo={paths.assessment(assignmentId)}
          onKeepMine={autosave.keepMine}
          onLoadTheirs={autosave.loadTheirs}
          onRetry={autosave.keepMine}
        >
          <p className="hint" id="assessment-progress">
            <Progress control={form.control} criteria={criteria} />
          </p>
        </SaveStatusPanel>
      </div>
      <ErrorSummary items={summary} />
      <form
        noValidate
        onSubmit={form.handleSubmit(onValid, (errors) => setSummary(summariseErrors(errors)))}
        onBlur={autosave.saveNow}
        aria-describedby="save-status"
      >
        <ScopeSection />
        {criteria.map((criterion, i) => (
          <CriterionInput key={criterion.key} criterion={criterion} number={i + 1} total={criteria.length} />
        ))}
        <OverallSection />
        <h3>Submit your assessment</h3>
        <p>
          Once you submit, you cannot change your assessment unless a portfolio manager reopens it. Assessments are due by{" "}
          {props.dueAtLabel}.
        </p>
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? "Submitting…" : "Submit assessment"}
        </button>
        <Link href={paths.assessments} className="button button--secondary" onClick={autosave.saveNow}>
          Save and come back later
        </Link>
      </form>
    </FormProvider>
  );
}

/** How many criteria are scored and justified, recomputed as the assessor works. */
function Progress({ control, criteria }: { control: Control<AssessmentFormValues>; criteria: RubricCriterion[] }) {
  const [scores, justifications] = useWatch({ control, name: ["scores", "justifications"] });
  const done = criteria.filter(
    (c) =>
      parseScore(scores?.[c.key] ?? "", c) !== null && countWords(justifications?.[c.key] ?? "") >= MIN_JUSTIFICATION_WORDS,
  ).length;
  return (
    <>
      {done} of {criteria.length} criteria scored and justified
    </>
  );
}

/** "Is this proposal in scope of the call?", asked first, as in Innovate UK's assessments. */
function ScopeSection() {
  const { register, control } = useFormContext<AssessmentFormValues>();
  const error = useFieldError("inScope");
  const commentError = useFieldError("inScopeComment");
  const answer = useWatch({ control, name: "inScope" });
  const commentId = fieldId("inScopeComment");
  return (
    <section className="section" aria-labelledby="scope-title">
      <h3 id="scope-title">Scope</h3>
      <Field
        path="inScope"
        labelAs="legend"
        label={IN_SCOPE_QUESTION}
        hint="Judge it against the call's description. Portfolio managers see how many assessors said it is in scope."
        error={error}
      >
        <RadioChoices
          path="inScope"
          registration={register("inScope" as FormPath)}
          options={[
            { value: "yes", label: "Yes" },
            { value: "no", label: "No" },
          ]}
        />
        {answer === "no" ? (
          <div className={styles.conditional}>
            <Field path="inScopeComment" label="Why is it out of scope?" error={commentError}>
              <textarea
                id={commentId}
                rows={4}
                aria-invalid={Boolean(commentError)}
                className={commentError ? "input--error" : undefined}
                aria-describedby={describedBy("inScopeComment", false, commentError)}
                {...register("inScopeComment")}
              />
            </Field>
          </div>
        ) : null}
      </Field>
    </section>
  );
}

/** Feedback, the private comment, the recommendation and the assessor's confidence. */
function OverallSection() {
  const { register, control } = useFormContext<AssessmentFormValues>();
  const feedbackError = useFieldError("bidderFeedback");
  const commentError = useFieldError("privateComment");
  const recommendationError = useFieldError("recommendation");
  const confidenceError = useFieldError("confidence");
  const feedbackCount = `${fieldId("bidderFeedback")}-count`;
  return (
    <section className="section" aria-labelledby="overall-title">
      <h3 id="overall-title">Overall</h3>
      <Field
        path="bidderFeedback"
        label="Feedback for the bidder"
        hint={`The bidder sees this, without your name. Describe the proposal's main strengths and weaknesses in at least ${MIN_JUSTIFICATION_WORDS} words.`}
        error={feedbackError}
      >
        <textarea
          id={fieldId("bidderFeedback")}
          rows={8}
          aria-invalid={Boolean(feedbackError)}
          className={feedbackError ? "input--error" : undefined}
          aria-describedby={describedBy("bidderFeedback", true, feedbackError, feedbackCount)}
          {...register("bidderFeedback")}
        />
        <MinimumWordCount control={control} name="bidderFeedback" min={MIN_JUSTIFICATION_WORDS} id={feedbackCount} />
      </Field>
      <Field
        path="privateComment"
        label="Comment for portfolio managers (optional)"
        hint="Only portfolio managers see this; the bidder never does."
        error={commentError}
      >
        <textarea
          id={fieldId("privateComment")}
          rows={4}
          aria-invalid={Boolean(commentError)}
          className={commentError ? "input--error" : undefined}
          aria-describedby={describedBy("privateComment", true, commentError)}
          {...register("privateComment")}
        />
      </Field>
      <Field
        path="recommendation"
        labelAs="legend"
        label="Do you recommend this proposal for funding?"
        hint="Only portfolio managers see your recommendation."
        error={recommendationError}
      >
        <RadioChoices
          path="recommendation"
          registration={register("recommendation" as FormPath)}
          options={(["yes", "no"] as const).map((value) => ({ value, label: RECOMMENDATION_LABELS[value] }))}
        />
      </Field>
      <Field
        path="confidence"
        labelAs="legend"
        label="How confident are you in this assessment?"
        error={confidenceError}
      >
        <RadioChoices
          path="confidence"
          registration={register("confidence" as FormPath)}
          options={(["low", "medium", "high"] as const).map((value) => ({
            value,
            label: CONFIDENCE_LABELS[value],
            hint: CONFIDENCE_HINTS[value],
          }))}
        />
      </Field>
    </section>
  );
}
