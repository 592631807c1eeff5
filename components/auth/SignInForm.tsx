"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import type { ActionResult } from "@/lib/action-result";
import { signInSchema, type SignInInput } from "@/lib/validation/auth";
import { ErrorSummary, type SummaryItem } from "../form/ErrorSummary";
import { applyServerErrors, summariseErrors } from "../form/errors";
import { describedBy, Field } from "../form/Field";
import { fieldId } from "../form/field-id";

export function SignInForm({
  action,
  callbackUrl,
}: {
  action: (values: SignInInput, callbackUrl?: string) => Promise<ActionResult>;
  callbackUrl?: string;
}) {
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, setError, formState } = useForm<SignInInput>({
    resolver: zodResolver(signInSchema),
    shouldFocusError: false,
    defaultValues: { email: "", password: "" },
  });
  const { errors } = formState;

  const onValid = (values: SignInInput) =>
    startTransition(async () => {
      const result = await action(values, callbackUrl);
      if (!result.ok) setSummary(applyServerErrors(setError, result.fieldErrors ?? { email: result.message }));
    });

  return (
    <form noValidate onSubmit={handleSubmit(onValid, (e) => setSummary(summariseErrors(e)))}>
      <ErrorSummary items={summary} />
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
