"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { ActionResult } from "@/lib/action-result";
import { paths } from "@/lib/paths";
import { setPasswordSchema, type SetPasswordValues } from "@/lib/validation/manage";
import { ErrorSummary } from "../form/ErrorSummary";
import { describedBy, Field } from "../form/Field";
import { fieldId } from "../form/field-id";
import { useServerAction } from "../form/use-server-action";

const FIELDS = [
  { name: "password", label: "New password", hint: "At least 10 characters." },
  { name: "confirmPassword", label: "Confirm new password" },
] as const;

export function SetPasswordForm({
  token,
  email,
  action,
}: {
  token: string;
  email: string;
  action: (values: SetPasswordValues) => Promise<ActionResult<{ email: string }>>;
}) {
  const [done, setDone] = useState(false);
  const { register, handleSubmit, setError, formState } = useForm<SetPasswordValues>({
    resolver: zodResolver(setPasswordSchema),
    shouldFocusError: false,
    defaultValues: { token, password: "", confirmPassword: "" },
  });

  const { run, pending, failure, summary, invalid } = useServerAction(action, { setError, then: "none", onSuccess: () => setDone(true) });
  const problem = failure && !failure.fieldErrors ? failure.message : null;
  const onValid = (values: SetPasswordValues) => void run(values);

  if (done) {
    return (
      <div className="notification notification--success" role="status">
        <h2>Your password is set</h2>
        <p>
          You can now <Link href={paths.signIn}>sign in</Link> with {email} and your new password.
        </p>
      </div>
    );
  }

  return (
    <form noValidate onSubmit={handleSubmit(onValid, invalid)}>
      <ErrorSummary items={summary} />
      {problem ? (
        <div className="notification notification--warning" role="alert">
          <p>{problem}</p>
        </div>
      ) : null}
      {/* Lets password managers save the new password against the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      {FIELDS.map((f) => {
        const error = formState.errors[f.name]?.message;
        const hint = "hint" in f ? f.hint : undefined;
        return (
          <Field key={f.name} path={f.name} label={f.label} hint={hint} error={error}>
            <input
              id={fieldId(f.name)}
              type="password"
              autoComplete="new-password"
              className={error ? "input--error" : undefined}
              aria-describedby={describedBy(f.name, hint, error)}
              aria-invalid={Boolean(error)}
              {...register(f.name)}
            />
          </Field>
        );
      })}
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Setting your password…" : "Set password"}
      </button>
    </form>
  );
}
