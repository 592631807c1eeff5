"use client";

import { get, useFormContext, useWatch, type Path } from "react-hook-form";
import { describedBy, Field } from "@/components/form/Field";
import { fieldId } from "@/components/form/field-id";
import type { Option, ProposalAnswers, Question } from "@/lib/domain/proposal/questions";
import { PartnersInput } from "./PartnersInput";
import { CharacterCount } from "@/components/form/CharacterCount";

type FormPath = Path<ProposalAnswers>;

export function useFieldError(path: string): string | undefined {
  const { formState } = useFormContext<ProposalAnswers>();
  const error = get(formState.errors, path) as { message?: string; root?: { message?: string } } | undefined;
  return error?.message ?? error?.root?.message;
}

export function SelectOptions({ options, placeholder }: { options: readonly Option[]; placeholder: string }) {
  const groups = new Map<string, Option[]>();
  const ungrouped: Option[] = [];
  for (const o of options) {
    if (o.group) groups.set(o.group, [...(groups.get(o.group) ?? []), o]);
    else ungrouped.push(o);
  }
  return (
    <>
      <option value="">{placeholder}</option>
      {ungrouped.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
      {[...groups].map(([group, items]) => (
        <optgroup key={group} label={group}>
          {items.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}

/** One question of the proposal, rendered from its definition. */
export function QuestionInput({ sectionKey, question }: { sectionKey: string; question: Question }) {
  const { register, control } = useFormContext<ProposalAnswers>();
  const path = `${sectionKey}.${question.key}`;
  const error = useFieldError(path);
  const id = fieldId(path);
  const common = {
    id,
    "aria-invalid": Boolean(error),
    className: error ? "input--error" : undefined,
  };
  const hint = question.hint;

  switch (question.kind) {
    case "text":
      return (
        <Field path={path} label={question.label} hint={hint} error={error}>
          <input type="text" {...common} aria-describedby={describedBy(path, hint, error, `${id}-count-info`)} {...register(path as FormPath)} />
          <CharacterCount control={control} name={path} max={question.maxChars} unit="characters" id={`${id}-count`} />
        </Field>
      );
    case "longText":
      return (
        <Field path={path} label={question.label} hint={hint} error={error}>
          <textarea
            rows={6}
            {...common}
            aria-describedby={describedBy(path, hint, error, `${id}-count-info`)}
            {...register(path as FormPath)}
          />
          <CharacterCount control={control} name={path} max={question.maxWords} unit="words" id={`${id}-count`} />
        </Field>
      );
    case "select":
      return (
        <Field path={path} label={question.label} hint={hint} error={error}>
          <select {...common} aria-describedby={describedBy(path, hint, error)} {...register(path as FormPath)}>
            <SelectOptions options={question.options} placeholder="Choose…" />
          </select>
        </Field>
      );
    case "integer":
      return (
        <Field path={path} label={question.label} hint={hint} error={error}>
          <div className="input-suffix">
            <input
              type="text"
              inputMode="numeric"
              {...common}
              className={`input--short${error ? " input--error" : ""}`}
              aria-describedby={describedBy(path, hint, error)}
              {...register(path as FormPath)}
            />
            {question.suffix ? <span>{question.suffix}</span> : null}
          </div>
        </Field>
      );
    case "money":
      return (
        <Field path={path} label={question.label} hint={hint} error={error}>
          <div className="input-prefix">
            <span aria-hidden="true">{question.currency ?? "£"}</span>
            <input
              type="text"
              inputMode="numeric"
              {...common}
              className={`input--medium${error ? " input--error" : ""}`}
              aria-describedby={describedBy(path, hint, error)}
              {...register(path as FormPath)}
            />
          </div>
        </Field>
      );
    case "checklist":
      return <ChecklistInput sectionKey={sectionKey} question={question} />;
    case "partners":
      return <PartnersInput path={path} question={question} />;
  }
}

function ChecklistInput({ sectionKey, question }: { sectionKey: string; question: Extract<Question, { kind: "checklist" }> }) {
  const { register, control } = useFormContext<ProposalAnswers>();
  const path = `${sectionKey}.${question.key}`;
  const error = useFieldError(path);
  const selected = useWatch({ control, name: path as FormPath });
  const ticked = Array.isArray(selected) ? (selected as string[]) : [];
  return (
    <Field path={path} label={question.label} hint={question.hint} error={error} labelAs="legend">
      {question.options.map((option, i) => {
        const optionId = i === 0 ? fieldId(path) : fieldId(`${path}.${option.value}`);
        const evidencePath = `${sectionKey}.${question.evidenceKey(option.value)}`;
        return (
          <div key={option.value}>
            <div className="checkbox">
              <input
                type="checkbox"
                id={optionId}
                value={option.value}
                aria-controls={ticked.includes(option.value) ? fieldId(evidencePath) : undefined}
                {...register(path as FormPath)}
              />
              <label htmlFor={optionId}>{option.label}</label>
            </div>
            {ticked.includes(option.value) ? <EvidenceInput path={evidencePath} label={`Evidence: ${option.label}`} /> : null}
          </div>
        );
      })}
    </Field>
  );
}

function EvidenceInput({ path, label }: { path: string; label: string }) {
  const { register, control } = useFormContext<ProposalAnswers>();
  const error = useFieldError(path);
  const id = fieldId(path);
  return (
    <div className="conditional">
      <Field path={path} label={label} hint="What evidence shows this pathway will deliver value to the UK?" error={error}>
        <textarea
          id={id}
          rows={4}
          aria-invalid={Boolean(error)}
          className={error ? "input--error" : undefined}
          aria-describedby={describedBy(path, true, error, `${id}-count-info`)}
          {...register(path as FormPath)}
        />
        <CharacterCount control={control} name={path} max={150} unit="words" id={`${id}-count`} />
      </Field>
    </div>
  );
}
