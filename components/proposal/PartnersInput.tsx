"use client";

import { useFieldArray, useFormContext, type Control, type FieldArrayPath, type Path } from "react-hook-form";
import { describedBy, Field } from "@/components/form/Field";
import { fieldId } from "@/components/form/field-id";
import {
  COUNTRY_OPTIONS,
  ORGANISATION_TYPES,
  emptyPartner,
  type PartnerRow,
  type PartnersQuestion,
  type ProposalAnswers,
} from "@/lib/domain/proposal/questions";
import { SelectOptions, useFieldError } from "./QuestionInput";

// The form's type is a record keyed by section and question (the questions are data), so the
// partners path is only known at run time.
type PartnersForm = { partners: PartnerRow[] };

export function PartnersInput({ path, question }: { path: string; question: PartnersQuestion }) {
  const { control } = useFormContext<ProposalAnswers>();
  const { fields, append, remove } = useFieldArray({
    control: control as unknown as Control<PartnersForm>,
    name: path as FieldArrayPath<PartnersForm>,
  });
  const error = useFieldError(path);
  return (
    <Field path={path} label={question.label} hint={question.hint} error={error} labelAs="legend">
      {fields.length === 0 ? (
        <p id={fieldId(path)} tabIndex={-1}>
          No partners added yet.
        </p>
      ) : null}
      {fields.map((field, index) => (
        <PartnerFields key={field.id} path={`${path}.${index}`} index={index} onRemove={() => remove(index)} anchor={index === 0 ? path : undefined} />
      ))}
      {fields.length < question.maxRows ? (
        <button type="button" className="button button--secondary" onClick={() => append(emptyPartner())}>
          {fields.length === 0 ? "Add a partner" : "Add another partner"}
        </button>
      ) : (
        <p className="hint">You have added the maximum of {question.maxRows} partners.</p>
      )}
    </Field>
  );
}

function PartnerFields({ path, index, onRemove, anchor }: { path: string; index: number; onRemove: () => void; anchor?: string }) {
  const { register } = useFormContext<ProposalAnswers>();
  const n = index + 1;
  const input = (name: keyof PartnerRow) => `${path}.${name}`;
  const errors = {
    organisation: useFieldError(input("organisation")),
    country: useFieldError(input("country")),
    type: useFieldError(input("type")),
    role: useFieldError(input("role")),
    share: useFieldError(input("share")),
  };
  const attrs = (name: keyof PartnerRow, hint?: string) => ({
    // The first partner's first input also answers links to the partners list as a whole.
    id: name === "organisation" && anchor ? fieldId(anchor) : fieldId(input(name)),
    "aria-invalid": Boolean(errors[name]),
    "aria-describedby": describedBy(input(name), hint, errors[name]),
    ...register(input(name) as Path<ProposalAnswers>),
  });
  const labelFor = (name: keyof PartnerRow) => (name === "organisation" && anchor ? fieldId(anchor) : fieldId(input(name)));
  return (
    <div className="partner" role="group" aria-labelledby={`${fieldId(path)}-title`}>
      <h3 id={`${fieldId(path)}-title`}>Partner {n}</h3>
      <FieldFor htmlFor={labelFor("organisation")} label="Organisation" error={errors.organisation} path={input("organisation")}>
        <input type="text" className={errors.organisation ? "input--error" : undefined} {...attrs("organisation")} />
      </FieldFor>
      <FieldFor htmlFor={labelFor("country")} label="Country" error={errors.country} path={input("country")}>
        <select className={errors.country ? "input--error" : undefined} {...attrs("country")}>
          <SelectOptions options={COUNTRY_OPTIONS} placeholder="Choose a country…" />
        </select>
      </FieldFor>
      <FieldFor htmlFor={labelFor("type")} label="Organisation type" error={errors.type} path={input("type")}>
        <select className={errors.type ? "input--error" : undefined} {...attrs("type")}>
          <SelectOptions options={ORGANISATION_TYPES} placeholder="Choose…" />
        </select>
      </FieldFor>
      <FieldFor htmlFor={labelFor("role")} label="Role in the project" error={errors.role} path={input("role")}>
        <textarea rows={3} className={errors.role ? "input--error" : undefined} {...attrs("role")} />
      </FieldFor>
      <FieldFor htmlFor={labelFor("share")} label="Share of effort or budget (%)" error={errors.share} path={input("share")}>
        <input type="text" inputMode="numeric" className={`input--short${errors.share ? " input--error" : ""}`} {...attrs("share")} />
      </FieldFor>
      <button type="button" className="button button--warning" onClick={onRemove}>
        Remove partner {n}
      </button>
    </div>
  );
}

function FieldFor({ htmlFor, label, error, path, children }: { htmlFor: string; label: string; error?: string; path: string; children: React.ReactNode }) {
  const id = fieldId(path);
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <label htmlFor={htmlFor}>{label}</label>
      {error ? (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}
