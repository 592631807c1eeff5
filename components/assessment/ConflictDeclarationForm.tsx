"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { FormProvider, useForm, useWatch, type Resolver } from "react-hook-form";
import { describedBy, Field } from "@/components/form/Field";
import { ErrorSummary } from "@/components/form/ErrorSummary";
import { fieldId } from "@/components/form/field-id";
import { useServerAction } from "@/components/form/use-server-action";
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
  const { run, pending: sending, failure, summary, invalid } = useServerAction(declare, {
    setError: form.setError,
    then: "none",
    // A conflict ends the assignment: back to the list. No conflict: the proposal opens here.
    onSuccess: (data) => (data.declaration === "conflict" ? router.push(`${paths.assessments}?declared=conflict`) : router.refresh()),
  });
  const problem =
    failure?.code === "unauthenticated"
      ? "Your session has expired. Sign in again, then make your declaration."
      : failure && failure.code !== "invalid"
        ? failure.message
        : null;
  const declaration = useWatch({ control: form.control, name: "declaration" });
  const { errors } = form.formState;

  const onValid = (values: ConflictDeclarationValues) => {
    if (values.declaration === "") return; // unreachable: the schema requires a choice
    void run({ assignmentId, declaration: values.declaration, details: values.details });
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
      <form noValidate onSubmit={form.handleSubmit(onValid, invalid)}>
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
