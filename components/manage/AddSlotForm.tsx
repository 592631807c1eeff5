"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/form/ErrorSummary";
import { fieldId } from "@/components/form/field-id";
import { FILE_TYPE_KEYS, FILE_TYPES } from "@/lib/domain/appendices";
import type { SlotFormState } from "@/lib/server/actions/appendix-slot-actions";

const EMPTY: SlotFormState = { errors: {} };

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p className="error-message" id={`${id}-error`}>
      <span className="visually-hidden">Error:</span> {message}
    </p>
  ) : null;
}

/** "Add an appendix" for a call: name, hint, required or optional, types, size and number limits. */
export function AddSlotForm({ callId, action }: { callId: number; action: (s: SlotFormState, f: FormData) => Promise<SlotFormState> }) {
  const [state, formAction, pending] = useActionState(action, EMPTY);
  const e = state.errors;
  const group = (name: string) => `form-group${e[name] ? " form-group--error" : ""}`;
  const described = (name: string, hint = false) => [hint ? `${fieldId(name)}-hint` : null, e[name] ? `${fieldId(name)}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <form action={formAction} noValidate>
      <ErrorSummary items={Object.entries(e).map(([field, message]) => ({ field, message }))} />
      <input type="hidden" name="callId" value={callId} />
      <div className={group("name")}>
        <label htmlFor={fieldId("name")}>Name</label>
        <FieldError id={fieldId("name")} message={e.name} />
        <input type="text" id={fieldId("name")} name="name" aria-describedby={described("name")} aria-invalid={Boolean(e.name)} />
      </div>
      <div className={group("hint")}>
        <label htmlFor={fieldId("hint")}>What bidders should upload (optional)</label>
        <FieldError id={fieldId("hint")} message={e.hint} />
        <textarea id={fieldId("hint")} name="hint" rows={2} aria-describedby={described("hint")} />
      </div>
      <div className={group("required")}>
        <fieldset aria-describedby={described("required")}>
          <legend>Must bidders upload it?</legend>
          <FieldError id={fieldId("required")} message={e.required} />
          <div className="radio">
            <input type="radio" id={fieldId("required")} name="required" value="yes" defaultChecked />
            <label htmlFor={fieldId("required")}>Yes, it is required</label>
          </div>
          <div className="radio">
            <input type="radio" id={fieldId("required.no")} name="required" value="no" />
            <label htmlFor={fieldId("required.no")}>No, it is optional</label>
          </div>
        </fieldset>
      </div>
      <div className={group("allowedTypes")}>
        <fieldset aria-describedby={described("allowedTypes")}>
          <legend>Allowed file types</legend>
          <FieldError id={fieldId("allowedTypes")} message={e.allowedTypes} />
          {FILE_TYPE_KEYS.map((t, i) => (
            <div className="checkbox" key={t}>
              <input type="checkbox" id={i === 0 ? fieldId("allowedTypes") : fieldId(`allowedTypes.${t}`)} name="allowedTypes" value={t} defaultChecked={t === "pdf"} />
              <label htmlFor={i === 0 ? fieldId("allowedTypes") : fieldId(`allowedTypes.${t}`)}>{FILE_TYPES[t].label}</label>
            </div>
          ))}
        </fieldset>
      </div>
      <div className={group("maxMegabytes")}>
        <label htmlFor={fieldId("maxMegabytes")}>Maximum size of each file, in MB</label>
        <FieldError id={fieldId("maxMegabytes")} message={e.maxMegabytes} />
        <input type="text" inputMode="numeric" className="input--short" id={fieldId("maxMegabytes")} name="maxMegabytes" defaultValue="10" aria-describedby={described("maxMegabytes")} />
      </div>
      <div className={group("maxFiles")}>
        <label htmlFor={fieldId("maxFiles")}>Maximum number of files</label>
        <FieldError id={fieldId("maxFiles")} message={e.maxFiles} />
        <input type="text" inputMode="numeric" className="input--short" id={fieldId("maxFiles")} name="maxFiles" defaultValue="1" aria-describedby={described("maxFiles")} />
      </div>
      <div className="checkbox">
        <input type="checkbox" id={fieldId("perPartner")} name="perPartner" value="yes" />
        <label htmlFor={fieldId("perPartner")}>One file from each international partner</label>
      </div>
      <button type="submit" className="button" disabled={pending}>
        Add appendix
      </button>
    </form>
  );
}
