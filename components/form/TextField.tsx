import type { UseFormRegisterReturn } from "react-hook-form";
import { describedBy, Field } from "./Field";
import { fieldId } from "./field-id";

/** A one-line text input (name, email, organisation…) with its label, hint and error, for react-hook-form. */
export function TextField({
  path,
  label,
  type = "text",
  autoComplete = "off",
  hint,
  error,
  registration,
}: {
  path: string;
  label: string;
  type?: string;
  autoComplete?: string;
  hint?: string;
  error?: string;
  registration: UseFormRegisterReturn;
}) {
  return (
    <Field path={path} label={label} hint={hint} error={error}>
      <input
        id={fieldId(path)}
        type={type}
        autoComplete={autoComplete}
        spellCheck={false}
        className={error ? "input--error" : undefined}
        aria-describedby={describedBy(path, hint, error)}
        aria-invalid={Boolean(error)}
        {...registration}
      />
    </Field>
  );
}
