"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { ActionResult } from "@/lib/action-result";
import { signInSchema, type SignInInput } from "@/lib/validation/auth";
import { ErrorSummary } from "../form/ErrorSummary";
import { describedBy, Field } from "../form/Field";
import { fieldId } from "../form/field-id";
import { useServerAction } from "../form/use-server-action";

export function SignInForm({
  action,
  callbackUrl,
}: {
  action: (values: SignInInput, callbackUrl?: string) => Promise<ActionResult>;
  callbackUrl?: string;
}) {
  const { register, handleSubmit, setError, formState } = useForm<SignInInput>({
    resolver: zodResolver(signInSchema),
    shouldFocusError: false,
    defaultValues: { email: "", password: "" },
  });
  const { errors } = formState;
  // A successful sign-in is next-auth's redirect, which the hook passes on to Next's redirect
  // boundary (so "then" never runs); a refusal comes back with its field errors.
  const { run, pending, failure, summary, invalid } = useServerAction((values: SignInInput) => action(values, callbackUrl), {
    then: "none",
    setError,
  });

  return (
    <form noValidate onSubmit={handleSubmit((values) => void run(values), invalid)}>
      <ErrorSummary items={summary.length === 0 && failure ? [{ field: "email", message: failure.message }] : summary} />
      <Field path="email" label="Email address" error={errors.email?.message}>
        <input
          id={fieldId("email")}
          type="email"
          autoComplete="email"
          spellCheck={false}
          className={errors.email ? "input--error" : undefined}
          aria-describedby={describedBy("email", undefined, errors.email?.message)}
          aria-invalid={Boolean(errors.email)}
          {...register("email")}
        />
      </Field>
      <Field path="password" label="Password" error={errors.password?.message}>
        <input
          id={fieldId("password")}
          type="password"
          autoComplete="current-password"
          className={errors.password ? "input--error" : undefined}
          aria-describedby={describedBy("password", undefined, errors.password?.message)}
          aria-invalid={Boolean(errors.password)}
          {...register("password")}
        />
      </Field>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
