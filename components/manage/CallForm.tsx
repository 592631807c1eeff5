"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo } from "react";
import { useForm, useWatch, type FieldError, type Path } from "react-hook-form";
import type { ActionResult } from "@/lib/action-result";
import { paths } from "@/lib/paths";
import { callFormSchema, MAX_ASSESSORS_REQUIRED, type CallFormValues } from "@/lib/validation/manage";
import { ErrorSummary } from "../form/ErrorSummary";
import { describedBy, Field } from "../form/Field";
import { fieldId } from "../form/field-id";
import { useServerAction } from "../form/use-server-action";
import styles from "./manage.module.css";

export interface CallFormCriterion {
  key: string;
  title: string;
  source: string;
  scaleMin: number;
  scaleMax: number;
}

type Props = {
  criteria: CallFormCriterion[];
  defaultValues: CallFormValues;
  /** Once scoring has started the criteria and scales are fixed; weights and minimums are not. */
  scoringStarted: boolean;
  /** Partner agencies a joint call can be made with. */
  partnerAgencies?: { id: number; name: string; currency: string }[];
  /** Once proposals are submitted, a call cannot become joint, stop being joint or change partner. */
  partnerLocked?: boolean;
} & (
  | { mode: "create"; action: (values: CallFormValues) => Promise<ActionResult<{ id: number }>> }
  | { mode: "edit"; callId: number; action: (input: { callId: number; values: CallFormValues }) => Promise<ActionResult<{ id: number }>> }
);

const DATES: { name: "opensAt" | "closesAt" | "assessmentDueAt"; label: string; hint?: string }[] = [
  { name: "opensAt", label: "Opens", hint: "When bidders can start proposals." },
  { name: "closesAt", label: "Closes", hint: "The deadline for submitting proposals. It must be after the opening time." },
  { name: "assessmentDueAt", label: "Assessments due", hint: "When assessors should have submitted their scores." },
];

function errorAt(errors: Record<string, unknown>, path: string): string | undefined {
  let node: unknown = errors;
  for (const part of path.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  return (node as FieldError | undefined)?.message;
}

export function CallForm(props: Props) {
  const { criteria, defaultValues, scoringStarted, mode } = props;
  const schema = useMemo(() => callFormSchema(criteria), [criteria]);
  const { register, handleSubmit, setError, getValues, control, formState } = useForm({
    resolver: zodResolver(schema),
    shouldFocusError: false,
    defaultValues,
  });
  const errors = formState.errors as Record<string, unknown>;
  const rubric = useWatch({ control, name: "rubric" }) as CallFormValues["rubric"] | undefined;
  const partnerId = useWatch({ control, name: "partnerAgencyId" }) as string | undefined;
  const partner = props.partnerAgencies?.find((a) => String(a.id) === String(partnerId ?? ""));
  const total = criteria.reduce((sum, c) => sum + (Number(String(rubric?.[c.key]?.weight ?? "").trim()) || 0), 0);

  // The form's own strings go to the server, which parses them with the same schema.
  const save = (values: CallFormValues) => (props.mode === "create" ? props.action(values) : props.action({ callId: props.callId, values }));
  const { run, pending, failure, summary, invalid } = useServerAction(save, {
    setError,
    then: (data) => `${paths.manageCall(data.id)}?${mode === "create" ? "created" : "saved"}=1`,
  });
  const message = failure && !failure.fieldErrors ? failure.message : null;
  const onValid = () => void run(getValues() as CallFormValues);

  const input = (name: Path<CallFormValues>, label: string, options: { hint?: string; type?: string; className?: string; prefix?: string; suffix?: string; inputMode?: "numeric" | "decimal" } = {}) => {
    const error = errorAt(errors, name);
    const control = (
      <input
        id={fieldId(name)}
        type={options.type ?? "text"}
        inputMode={options.inputMode}
        className={[options.className, error ? "input--error" : ""].filter(Boolean).join(" ") || undefined}
        aria-describedby={describedBy(name, options.hint, error)}
        aria-invalid={Boolean(error)}
        {...register(name)}
      />
    );
    return (
      <Field path={name} label={label} hint={options.hint} error={error}>
        {options.prefix ? (
          <div className="input-prefix">
            <span aria-hidden="true">{options.prefix}</span>
            {control}
          </div>
        ) : options.suffix ? (
          <div className="input-suffix">
            {control}
            <span>{options.suffix}</span>
          </div>
        ) : (
          control
        )}
      </Field>
    );
  };

  const descriptionError = errorAt(errors, "description");
  const totalError = errorAt(errors, "rubricTotal");

  return (
    <form noValidate onSubmit={handleSubmit(onValid, invalid)}>
      <ErrorSummary items={summary} />
      {message ? (
        <div className="notification notification--warning" role="alert">
          <p>{message}</p>
        </div>
      ) : null}

      <h2>About the call</h2>
      {input("title", "Title")}
      <Field path="description" label="Description" hint="What the call funds, shown to bidders." error={descriptionError}>
        <textarea
          id={fieldId("description")}
          rows={4}
          className={descriptionError ? "input--error" : undefined}
          aria-describedby={describedBy("description", "What the call funds, shown to bidders.", descriptionError)}
          aria-invalid={Boolean(descriptionError)}
          {...register("description")}
        />
      </Field>

      <h2>Dates</h2>
      <p className="hint">All times are UK time (GMT, or BST in summer).</p>
      {DATES.map((d) => (
        <div key={d.name}>{input(d.name, d.label, { type: "datetime-local", hint: d.hint, className: "input--medium" })}</div>
      ))}

      <h2>Budget and assessment</h2>
      {input("budget", "Budget", { prefix: "£", hint: "The total grant available, in whole pounds.", inputMode: "numeric" })}
      {input("assessorsRequired", "Assessors per proposal", {
        className: "input--short",
        inputMode: "numeric",
        hint: `A proposal is ranked once this many assessors have submitted (1 to ${MAX_ASSESSORS_REQUIRED}).`,
      })}
      {input("overallThreshold", "Overall minimum score", {
        className: "input--short",
        inputMode: "numeric",
        suffix: "out of 100",
        hint: "A proposal whose weighted total is below this fails, whatever its rank.",
      })}

      <h2>Joint call</h2>
      <p className="hint">
        A joint call is run with one partner agency: each agency funds the partners in its own country from its own budget, both
        agencies&apos; assessors score every proposal, and a project goes ahead only if both agencies fund it.
      </p>
      {props.partnerLocked ? (
        <p>
          <input type="hidden" {...register("partnerAgencyId")} />
          {partner ? `Joint call with ${partner.name}.` : "A home-only call."} Proposals have been submitted, so this can no longer change.
        </p>
      ) : (
        <Field path="partnerAgencyId" label="Partner agency" error={errorAt(errors, "partnerAgencyId")}>
          <select
            id={fieldId("partnerAgencyId")}
            className={errorAt(errors, "partnerAgencyId") ? "input--error" : undefined}
            aria-describedby={describedBy("partnerAgencyId", undefined, errorAt(errors, "partnerAgencyId"))}
            aria-invalid={Boolean(errorAt(errors, "partnerAgencyId"))}
            {...register("partnerAgencyId")}
          >
            <option value="">None: a home-only call</option>
            {(props.partnerAgencies ?? []).map((a) => (
              <option key={a.id} value={String(a.id)}>
                {a.name} ({a.currency})
              </option>
            ))}
          </select>
        </Field>
      )}
      {partner ? (
        <>
          {input("partnerBudget", `Budget of ${partner.name}`, {
            prefix: partner.currency,
            hint: `The total grant the partner agency makes available, in whole ${partner.currency}.`,
            inputMode: "numeric",
          })}
          {input("partnerAssessorsRequired", "Partner assessors per proposal", {
            className: "input--short",
            inputMode: "numeric",
            hint: `The partner agency's assessors needed per proposal, on top of the assessors above (1 to ${MAX_ASSESSORS_REQUIRED}).`,
          })}
          {input("exchangeRate", "Exchange rate", {
            className: "input--medium",
            inputMode: "decimal",
            suffix: `${partner.currency} per £1`,
            hint: "Fixed for the call and used only to show rough equivalents; every budget and grant stays in its own currency.",
          })}
        </>
      ) : null}

      <h2>Rubric weights and minimum scores</h2>
      {scoringStarted ? (
        <div className="notification" role="note">
          <p>
            Assessors have started scoring, so the criteria and their scales are fixed. Weights and minimum scores can still
            change: the ranking follows at once.
          </p>
        </div>
      ) : (
        <p className="hint">
          The criteria come from the report (Table 2.2, Table 7.1 and §2.3). Weights are whole percentages adding up to 100%.
          Leave a minimum blank for none.
        </p>
      )}
      <div id={fieldId("rubricTotal")} tabIndex={-1} className={totalError ? "form-group--error" : undefined}>
        {totalError ? (
          <p className="error-message" id={`${fieldId("rubricTotal")}-error`}>
            <span className="visually-hidden">Error:</span> {totalError}
          </p>
        ) : null}
        <table>
          <caption className="visually-hidden">Rubric criteria, their weights and minimum scores</caption>
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col">Scale</th>
              <th scope="col">Weight</th>
              <th scope="col">Minimum mean score</th>
            </tr>
          </thead>
          <tbody>
            {criteria.map((c) => {
              const weightPath = `rubric.${c.key}.weight`;
              const thresholdPath = `rubric.${c.key}.threshold`;
              const weightError = errorAt(errors, weightPath);
              const thresholdError = errorAt(errors, thresholdPath);
              return (
                <tr key={c.key}>
                  <th scope="row">
                    {c.title}
                    <span className={`muted ${styles.small}`}> ({c.source})</span>
                  </th>
                  <td className={styles.nowrap}>
                    {c.scaleMin} to {c.scaleMax}
                  </td>
                  <td>
                    <label htmlFor={fieldId(weightPath)} className="visually-hidden">
                      Weight of {c.title}, percent
                    </label>
                    {weightError ? (
                      <p className="error-message" id={`${fieldId(weightPath)}-error`}>
                        <span className="visually-hidden">Error:</span> {weightError}
                      </p>
                    ) : null}
                    <div className="input-suffix">
                      <input
                        id={fieldId(weightPath)}
                        type="text"
                        inputMode="numeric"
                        className={`input--short${weightError ? " input--error" : ""}`}
                        aria-invalid={Boolean(weightError)}
                        aria-describedby={weightError ? `${fieldId(weightPath)}-error` : undefined}
                        {...register(weightPath as Path<CallFormValues>)}
                      />
                      <span aria-hidden="true">%</span>
                    </div>
                  </td>
                  <td>
                    <label htmlFor={fieldId(thresholdPath)} className="visually-hidden">
                      Minimum mean score for {c.title}, from {c.scaleMin} to {c.scaleMax}, blank for none
                    </label>
                    {thresholdError ? (
                      <p className="error-message" id={`${fieldId(thresholdPath)}-error`}>
                        <span className="visually-hidden">Error:</span> {thresholdError}
                      </p>
                    ) : null}
                    <input
                      id={fieldId(thresholdPath)}
                      type="text"
                      inputMode="decimal"
                      className={`input--short${thresholdError ? " input--error" : ""}`}
                      aria-invalid={Boolean(thresholdError)}
                      aria-describedby={thresholdError ? `${fieldId(thresholdPath)}-error` : undefined}
                      {...register(thresholdPath as Path<CallFormValues>)}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td />
              <td aria-live="polite">
                <strong>{total}%</strong>
                {total !== 100 ? <span className="muted"> (must be 100%)</span> : null}
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>

      <button type="submit" className="button" disabled={pending}>
        {pending ? "Saving…" : mode === "create" ? "Create call" : "Save changes"}
      </button>
    </form>
  );
}
