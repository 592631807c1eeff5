import type { ReactNode } from "react";
import { fieldId } from "./field-id";

/** Label, hint and error around one input, with the ids that tie them together for screen readers. */
export function Field({
  path,
  label,
  hint,
  error,
  children,
  labelAs = "label",
}: {
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
  labelAs?: "label" | "legend";
}) {
  const id = fieldId(path);
  const content = (
    <>
      {hint ? (
        <div className="hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      {children}
    </>
  );
  if (labelAs === "legend") {
    return (
      <div className={`form-group${error ? " form-group--error" : ""}`}>
        <fieldset aria-describedby={describedBy(path, hint, error)}>
          <legend>{label}</legend>
          {content}
        </fieldset>
      </div>
    );
  }
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {content}
    </div>
  );
}

export function describedBy(path: string, hint?: ReactNode, error?: string, extra?: string): string | undefined {
  const id = fieldId(path);
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null, extra ?? null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}
