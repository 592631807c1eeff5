"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type Path } from "react-hook-form";
import type { ActionResult } from "@/lib/action-result";
import { registerSchema, type RegisterInput } from "@/lib/validation/auth";
import { ErrorSummary } from "../form/ErrorSummary";
import { describedBy, Field } from "../form/Field";
import { fieldId } from "../form/field-id";
import { useServerAction } from "../form/use-server-action";

const FIELDS: { name: Path<RegisterInput>; label: string; type: string; autoComplete: string; hint?: string }[] = [
  { name: "name", label: "Full name", type: "text", autoComplete: "name" },
  { name: "organisation", label: "Organisation", type: "text", autoComplete: "organization", hint: "The UK organisation you are applying for." },
  { name: "email", label: "Email address", type: "email", autoComplete: "email" },
  { name: "password", label: "Create a password", type: "password", autoComplete: "new-password", hint: "At least 10 characters." },
  { name: "confirmPassword", label: "Confirm password", type: "password", autoComplete: "new-password" },
];

export function RegisterForm({ action }: { action: (values: RegisterInput) => Promise<ActionResult> }) {
  const { register, handleSubmit, setError, formState } = useForm<RegisterInput>({
    resolver: zodResolver(registerSchema),
    shouldFocusError: false,
    defaultValues: { name: "", organisation: "", email: "", password: "", confirmPassword: "" },
  });

  // Success signs the new bidder in: next-auth's redirect, passed on by the hook to Next's
  // redirect boundary (so "then" never runs); a refusal comes back with its field errors.
  const { run, pending, failure, summary, invalid } = useServerAction(action, { then: "none", setError });

  return (
    <form noValidate onSubmit={handleSubmit((values) => void run(values), invalid)}>
      <ErrorSummary items={summary.length === 0 && failure ? [{ field: "name", message: failure.message }] : summary} />
      {FIELDS.map((f) => {
        const error = formState.errors[f.name]?.message;
        return (
          <Field key={f.name} path={f.name} label={f.label} hint={f.hint} error={error}>
            <input
              id={fieldId(f.name)}
              type={f.type}
              autoComplete={f.autoComplete}
              className={error ? "input--error" : undefined}
              aria-describedby={describedBy(f.name, f.hint, error)}
              aria-invalid={Boolean(error)}
              {...register(f.name)}
            />
          </Field>
        );
      })}
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </button>
    </form>
  );
}
