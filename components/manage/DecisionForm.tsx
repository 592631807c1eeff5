"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { ActionResult } from "@/lib/action-result";
import { DECISION_OUTCOMES, decisionFormSchema, OUTCOME_LABELS, type DecisionFormValues } from "@/lib/validation/manage";
import { ErrorSummary } from "../form/ErrorSummary";
import { useServerAction } from "../form/use-server-action";
import { describedBy, Field } from "../form/Field";
import { fieldId } from "../form/field-id";

const OUTCOME_HINTS = {
  fund: "The proposal is offered funding.",
  reserve: "Funded if money becomes available.",
  reject: "The proposal is not funded.",
} as const;

const FEEDBACK_HINT =
  "The bidder reads this when decisions are released. It starts from the assessors’ feedback, without their names: edit it as needed.";

export function DecisionForm({
  proposalId,
  defaultValues,
  recorded,
  action,
}: {
  proposalId: number;
  defaultValues: DecisionFormValues;
  recorded: boolean;
  action: (input: { proposalId: number } & DecisionFormValues) => Promise<ActionResult<unknown>>;
}) {
  const [saved, setSaved] = useState(false);
  const { register, handleSubmit, setError, getValues, formState } = useForm({
    resolver: zodResolver(decisionFormSchema),
    shouldFocusError: false,
    defaultValues,
  });
  const { run, pending, failure, summary, invalid } = useServerAction(action, { setError, onSuccess: () => setSaved(true) });
  const message = failure && !failure.fieldErrors ? failure.message : null;

  const onValid = () => {
    setSaved(false);
    void run({ proposalId, ...(getValues() as DecisionFormValues) });
  };

  const outcomeError = formState.errors.outcome?.message;
  const feedbackError = formState.errors.feedback?.message;

  return (
    <form noValidate onSubmit={handleSubmit(onValid, invalid)}>
      <ErrorSummary items={summary} />
      {saved ? (
        <div className="notification notification--success" role="status">
          <p>Decision saved. Bidders see it once decisions are released for the call.</p>
        </div>
      ) : null}
      {message ? (
        <div className="notification notification--warning" role="alert">
          <p>{message}</p>
        </div>
      ) : null}
      <Field path="outcome" label="Decision" labelAs="legend" error={outcomeError}>
        {DECISION_OUTCOMES.map((o, i) => (
          <div className="checkbox" key={o}>
            <input
              type="radio"
              id={i === 0 ? fieldId("outcome") : `${fieldId("outcome")}-${o}`}
              value={o}
              aria-describedby={`${fieldId("outcome")}-${o}-hint`}
              {...register("outcome")}
            />
            <label htmlFor={i === 0 ? fieldId("outcome") : `${fieldId("outcome")}-${o}`}>
              {OUTCOME_LABELS[o]}
              <span className="hint" id={`${fieldId("outcome")}-${o}-hint`}>
                {" "}
                – {OUTCOME_HINTS[o]}
              </span>
            </label>
          </div>
        ))}
      </Field>
      <Field path="feedback" label="Feedback for the bidder" hint={FEEDBACK_HINT} error={feedbackError}>
        <textarea
          id={fieldId("feedback")}
          rows={12}
          className={feedbackError ? "input--error" : undefined}
          aria-describedby={describedBy("feedback", FEEDBACK_HINT, feedbackError)}
          aria-invalid={Boolean(feedbackError)}
          {...register("feedback")}
        />
      </Field>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Saving…" : recorded ? "Save changes to the decision" : "Record decision"}
      </button>
    </form>
  );
}
