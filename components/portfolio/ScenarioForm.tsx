"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useFieldArray, useForm, useWatch, type FieldError, type Path } from "react-hook-form";
import type { ActionResult } from "@/lib/action-result";
import { paths } from "@/lib/paths";
import type { QualityMeasure, RuleDimension } from "@/lib/domain/portfolio-optimiser/rules";
import { scenarioSchema, type ScenarioFormValues } from "@/lib/validation/portfolio";
import { ErrorSummary } from "../form/ErrorSummary";
import { describedBy } from "../form/Field";
import { fieldId } from "../form/field-id";
import { useServerAction } from "../form/use-server-action";
import styles from "./portfolio.module.css";

export interface ScenarioFormOptionsProps {
  dimensions: { value: RuleDimension; label: string }[];
  groups: Record<RuleDimension, { value: string; label: string }[]>;
  proposals: { value: string; label: string }[];
  qualityMeasures: { value: QualityMeasure; label: string }[];
}

type SaveResult = ActionResult<{ callId: number; scenarioId: number; jobId: number | null }>;

function errorAt(errors: Record<string, unknown>, path: string): string | undefined {
  let node: unknown = errors;
  for (const part of path.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  return (node as FieldError | undefined)?.message;
}

const EMPTY_RULE: ScenarioFormValues["rules"][number] = { dimension: "theme", group: "*", bound: "min", measure: "share", value: "" };

/**
 * A scenario's budget, quality measure, balance rules, pins and exclusions. Saving solves it
 * again on the server; errors come back on their fields.
 */
export function ScenarioForm({
  callId,
  scenarioId,
  defaultValues,
  options,
  action,
}: {
  callId: number;
  scenarioId?: number;
  defaultValues: ScenarioFormValues;
  options: ScenarioFormOptionsProps;
  action: (input: { callId: number; scenarioId?: number; values: ScenarioFormValues }) => Promise<SaveResult>;
}) {
  const [saved, setSaved] = useState(false);
  const { register, handleSubmit, setError, getValues, setValue, control, formState } = useForm<ScenarioFormValues>({
    resolver: zodResolver(scenarioSchema) as never,
    shouldFocusError: false,
    defaultValues,
  });
  const errors = formState.errors as Record<string, unknown>;
  const rules = useFieldArray({ control, name: "rules" });
  const pins = useFieldArray({ control, name: "pins" });
  const exclusions = useFieldArray({ control, name: "exclusions" });
  const dimensions = (useWatch({ control, name: "rules" }) ?? []).map((r) => r?.dimension);

  // A new scenario opens its own page; a saved one stays here and the page refreshes.
  const { run, pending, failure, summary, invalid } = useServerAction(action, {
    then: scenarioId ? "refresh" : (data) => paths.callScenario(callId, data.scenarioId),
    onSuccess: () => setSaved(Boolean(scenarioId)),
    setError,
  });
  const onValid = () => {
    setSaved(false);
    void run({ callId, ...(scenarioId ? { scenarioId } : {}), values: getValues() });
  };

  const inputClass = (path: string, extra = "") => `${extra}${errorAt(errors, path) ? " input--error" : ""}`.trim() || undefined;
  const errorLine = (path: string) => {
    const error = errorAt(errors, path);
    return error ? (
      <p className="error-message" id={`${fieldId(path)}-error`}>
        <span className="visually-hidden">Error:</span> {error}
      </p>
    ) : null;
  };
  const described = (path: string, hint?: string) => describedBy(path, hint, errorAt(errors, path));

  const textField = (path: Path<ScenarioFormValues>, label: string, hint?: string, extraClass = "") => (
    <div className={`form-group${errorAt(errors, path) ? " form-group--error" : ""}`}>
      <label htmlFor={fieldId(path)}>{label}</label>
      {hint ? (
        <div className="hint" id={`${fieldId(path)}-hint`}>
          {hint}
        </div>
      ) : null}
      {errorLine(path)}
      <input id={fieldId(path)} type="text" className={inputClass(path, extraClass)} aria-describedby={described(path, hint)} {...register(path)} />
    </div>
  );

  const choiceList = (list: "pins" | "exclusions", array: { fields: { id: string }[]; remove: (i: number) => void; append: (v: { proposalId: string; reason: string }) => void }, title: string, hint: string, reasonLabel: string) => (
    <fieldset className="fieldset-box">
      <legend>{title}</legend>
      <p className="hint">{hint}</p>
      {array.fields.length === 0 ? <p className="muted">None.</p> : null}
      {array.fields.map((field, i) => {
        const idPath = `${list}.${i}.proposalId`;
        const reasonPath = `${list}.${i}.reason`;
        return (
          <div key={field.id} className={styles.row} role="group" aria-label={`${title}: ${i + 1}`}>
            <div className={`form-group${errorAt(errors, idPath) ? " form-group--error" : ""}`}>
              <label htmlFor={fieldId(idPath)}>Proposal</label>
              {errorLine(idPath)}
              <select id={fieldId(idPath)} className={inputClass(idPath)} aria-describedby={described(idPath)} {...register(idPath as Path<ScenarioFormValues>)}>
                <option value="">Choose a proposal</option>
                {options.proposals.map((p) => (
                  <option key={p.value} value={p.value}>
                    {p.label}
                  </option>
                ))}
              </select>
            </div>
            <div className={`form-group${errorAt(errors, reasonPath) ? " form-group--error" : ""}`}>
              <label htmlFor={fieldId(reasonPath)}>{reasonLabel}</label>
              {errorLine(reasonPath)}
              <input id={fieldId(reasonPath)} type="text" className={inputClass(reasonPath)} aria-describedby={described(reasonPath)} {...register(reasonPath as Path<ScenarioFormValues>)} />
            </div>
            <button type="button" className="link-button" onClick={() => array.remove(i)}>
              Remove<span className="visually-hidden"> {title.toLowerCase()} {i + 1}</span>
            </button>
          </div>
        );
      })}
      <button type="button" className="button button--secondary" onClick={() => array.append({ proposalId: "", reason: "" })} disabled={options.proposals.length === 0}>
        {list === "pins" ? "Pin a proposal" : "Exclude a proposal"}
      </button>
    </fieldset>
  );

  return (
    <form noValidate onSubmit={handleSubmit(onValid, invalid)}>
      <ErrorSummary items={summary} />
      {saved ? (
        <div className="notification notification--success" role="status">
          <p>Scenario saved. The plan above is being solved again.</p>
        </div>
      ) : null}
      {failure && !failure.fieldErrors ? (
        <div className="notification notification--warning" role="alert">
          <p>{failure.message}</p>
        </div>
      ) : null}

      {textField("name", "Scenario name", "For example “Net-zero priority”. Each scenario of a call has its own name.", "input--medium")}
      <div className={`form-group${errorAt(errors, "budget") ? " form-group--error" : ""}`}>
        <label htmlFor={fieldId("budget")}>Budget</label>
        <div className="hint" id={`${fieldId("budget")}-hint`}>
          In whole pounds. It starts as the call’s budget; change it to see what more or less money would fund.
        </div>
        {errorLine("budget")}
        <div className="input-prefix">
          <span aria-hidden="true">£</span>
          <input id={fieldId("budget")} type="text" inputMode="numeric" className={inputClass("budget")} aria-describedby={described("budget", "hint")} {...register("budget")} />
        </div>
      </div>
      <div className={`form-group${errorAt(errors, "qualityMeasure") ? " form-group--error" : ""}`}>
        <label htmlFor={fieldId("qualityMeasure")}>Quality to maximise</label>
        <div className="hint" id={`${fieldId("qualityMeasure")}-hint`}>
          The plan funds the set of eligible proposals with the highest total of this measure.
        </div>
        {errorLine("qualityMeasure")}
        <select id={fieldId("qualityMeasure")} className={inputClass("qualityMeasure")} aria-describedby={described("qualityMeasure", "hint")} {...register("qualityMeasure")}>
          {options.qualityMeasures.map((q) => (
            <option key={q.value} value={q.value}>
              {q.label}
            </option>
          ))}
        </select>
      </div>

      <fieldset className="fieldset-box">
        <legend>Balance rules</legend>
        <p className="hint">
          Each rule sets a minimum or maximum for a group of proposals, as a share of the budget or a number of awards. Choose
          “each … separately” to apply it to every group, for example at most 1 award per lead organisation.
        </p>
        {errorLine("rules")}
        {rules.fields.length === 0 ? <p className="muted">No rules: the plan is the best use of the budget.</p> : null}
        {rules.fields.map((field, i) => {
          const p = (name: string) => `rules.${i}.${name}`;
          const dimension = dimensions[i] || "theme";
          return (
            <fieldset key={field.id} className={styles.rule}>
              <legend>Rule {i + 1}</legend>
              <div className={styles.row}>
                <div className="form-group">
                  <label htmlFor={fieldId(p("bound"))}>Limit</label>
                  <select id={fieldId(p("bound"))} {...register(p("bound") as Path<ScenarioFormValues>)}>
                    <option value="min">At least</option>
                    <option value="max">At most</option>
                  </select>
                </div>
                <div className={`form-group${errorAt(errors, p("value")) ? " form-group--error" : ""}`}>
                  <label htmlFor={fieldId(p("value"))}>Amount</label>
                  {errorLine(p("value"))}
                  <input
                    id={fieldId(p("value"))}
                    type="text"
                    inputMode="decimal"
                    className={inputClass(p("value"), "input--short")}
                    aria-describedby={described(p("value"))}
                    {...register(p("value") as Path<ScenarioFormValues>)}
                  />
                </div>
                <div className="form-group">
                  <label htmlFor={fieldId(p("measure"))}>Measured as</label>
                  <select id={fieldId(p("measure"))} {...register(p("measure") as Path<ScenarioFormValues>)}>
                    <option value="share">% of the budget</option>
                    <option value="count">awards</option>
                  </select>
                </div>
              </div>
              <div className={styles.row}>
                <div className="form-group">
                  <label htmlFor={fieldId(p("dimension"))}>For</label>
                  <select
                    id={fieldId(p("dimension"))}
                    {...register(p("dimension") as Path<ScenarioFormValues>, {
                      onChange: () => setValue(`rules.${i}.group`, "*"),
                    })}
                  >
                    {options.dimensions.map((d) => (
                      <option key={d.value} value={d.value}>
                        {d.label}
                      </option>
                    ))}
                  </select>
                </div>
                <div className={`form-group${errorAt(errors, p("group")) ? " form-group--error" : ""}`}>
                  <label htmlFor={fieldId(p("group"))}>Group</label>
                  {errorLine(p("group"))}
                  <select id={fieldId(p("group"))} className={inputClass(p("group"))} aria-describedby={described(p("group"))} {...register(p("group") as Path<ScenarioFormValues>)}>
                    {(options.groups[dimension as RuleDimension] ?? []).map((g) => (
                      <option key={g.value} value={g.value}>
                        {g.label}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              <button type="button" className="link-button" onClick={() => rules.remove(i)}>
                Remove rule {i + 1}
              </button>
            </fieldset>
          );
        })}
        <button type="button" className="button button--secondary" onClick={() => rules.append({ ...EMPTY_RULE })}>
          Add a rule
        </button>
      </fieldset>

      {choiceList("pins", pins, "Pinned proposals", "Always funded, whatever the rules. Only proposals that pass the thresholds can be pinned.", "Reason for pinning")}
      {choiceList("exclusions", exclusions, "Excluded proposals", "Never funded in this scenario.", "Reason for excluding")}

      <button type="submit" className="button" disabled={pending}>
        {pending ? "Solving…" : scenarioId ? "Save and solve again" : "Save and solve"}
      </button>
    </form>
  );
}
