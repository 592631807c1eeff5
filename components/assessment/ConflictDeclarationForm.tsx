"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormProvider, useForm, useWatch, type Resolver } from "react-hook-form";
import { describedBy, Field } from "@/components/form/Field";
import { ErrorSummary, type SummaryItem } from "@/components/form/ErrorSummary";
import { applyServerErrors, summariseErrors } from "@/components/form/errors";
import { fieldId } from "@/components/form/field-id";
import type { ActionResult } from "@/lib/action-result";
import { paths } from "@/lib/paths";
import { conflictDeclarationSchema, type ConflictDeclarationValues } from "@/lib/validation/assessment-actions";
import styles from "./assessment.module.css";
import { RadioChoices } from "./RadioChoices";

// The form starts with nothing chosen (""), which the schema refuses with its own message.
const resolver = zodResolver(conflictDeclarationSchema) as unknown as Resolver<ConflictDeclarationValues>;

export type DeclareConflict = (input: {
  assignmentId: number;
  declaration: "none" | "conflict";
  details: string;
}) => Promise<ActionResult<{ declaration: "none" | "conflict" }>>;

/**
 * The declaration an assessor makes before reading a proposal. "No conflict" opens the proposal
 * on this page; a conflict ends the assignment, so the assessor goes back to their list.
 * With `late`, only the conflict can be declared: for one noticed while reading the proposal.
 */
export function ConflictDeclarationForm({
  assignmentId,
  declare,
  late = false,
}: {
  assignmentId: number;
  declare: DeclareConflict;
  late?: boolean;
}) {
  const router = useRouter();
  const form = useForm<ConflictDeclarationValues>({
    resolver,
    defaultValues: { declaration: late ? "conflict" : "", details: "" },
    shouldFocusError: false,
  });
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const declaration = useWatch({ control: form.control, name: "declaration" });
  const { errors } = form.formState;

  const onValid = async (values: ConflictDeclarationValues) => {
    if (values.declaration === "") return; // unreachable: the schema requires a choice
    setSending(true);
    setProblem(null);
    let result: Awaited<ReturnType<DeclareConflict>> | null = null;
    try {
      result = await declare({ assignmentId, declaration: values.declaration, details: values.details });
    } catch {
      result = null;
    }
    setSending(false);
    if (!result) {
      setProblem("Could not reach Tandem. Check your connection and try again.");
    } else if (!result.ok) {
      if (result.code === "invalid") setSummary(applyServerErrors(form.setError, result.fieldErrors));
      else if (result.code === "unauthenticated") setProblem("Your session has expired. Sign in again, then make your declaration.");
      else setProblem(result.message);
    } else if (result.data.declaration === "conflict") {
      router.push(`${paths.assessments}?declared=conflict`);
    } else {
      router.refresh();
    }
  };

  const detailsField = (
    <Field
      path="details"
      label="Describe the conflict of interest"
      hint="Who it involves and how, for example “I worked for the lead organisation until 2024”. Portfolio managers see this."
      error={errors.details?.message}
    >
      <textarea
        id={fieldId("details")}
        rows={4}
        aria-invalid={Boolean(errors.details)}
        className={errors.details ? "input--error" : undefined}
        aria-describedby={describedBy("details", true, errors.details?.message)}
        {...form.register("details")}
      />
    </Field>
  );

  return (
    <FormProvider {...form}>
      {problem ? (
        <div className="notification notification--warning" role="alert">
          <p>{problem}</p>
        </div>
      ) : null}
      {late ? null : <ErrorSummary items={summary} />}
      <form noValidate onSubmit={form.handleSubmit(onValid, (e) => setSummary(summariseErrors(e)))}>
        {late ? (
          detailsField
        ) : (
          <Field
            path="declaration"
            labelAs="legend"
            label="Do you have a conflict of interest with this proposal?"
            error={errors.declaration?.message}
          >
            <RadioChoices
              path="declaration"
              registration={form.register("declaration")}
              options={[
                { value: "none", label: "No, I have no conflict of interest" },
                {
                  value: "conflict",
                  label: "Yes, I have a conflict of interest",
                  hint: "You will not be able to read or score this proposal. A portfolio manager will assign someone else.",
                },
              ]}
            />
            {declaration === "conflict" ? <div className={styles.conditional}>{detailsField}</div> : null}
          </Field>
        )}
        <button type="submit" className={`button${late ? " button--warning" : ""}`} disabled={sending}>
          {sending ? "Sending…" : late ? "Declare a conflict of interest" : "Confirm declaration"}
        </button>
      </form>
    </FormProvider>
  );
}
