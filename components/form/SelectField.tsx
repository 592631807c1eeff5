import type { UseFormRegisterReturn } from "react-hook-form";
import { describedBy, Field } from "./Field";
import { fieldId } from "./field-id";

/** A drop-down with a "Choose…" first option, its label and error, for react-hook-form. */
export function SelectField({
  path,
  label,
  placeholder,
  options,
  error,
  registration,
}: {
  path: string;
  label: string;
  placeholder: string;
  options: readonly { value: string; label: string }[];
  error?: string;
  registration: UseFormRegisterReturn;
}) {
  return (
    <Field path={path} label={label} error={error}>
      <select
        id={fieldId(path)}
        className={error ? "input--error" : undefined}
        aria-describedby={describedBy(path, undefined, error)}
        aria-invalid={Boolean(error)}
        {...registration}
      >
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
