"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { ErrorSummary, type SummaryItem } from "@/components/form/ErrorSummary";
import { applyServerErrors, summariseErrors } from "@/components/form/errors";
import { describedBy, Field } from "@/components/form/Field";
import { fieldId } from "@/components/form/field-id";
import type { ActionResult } from "@/lib/action-result";
import { DECLINE_REASON_LABELS, DECLINE_REASONS } from "@/lib/domain/invitations";
import { paths } from "@/lib/paths";
import { invitationResponseSchema, type InvitationResponseValues } from "@/lib/validation/invitations";

const resolver = zodResolver(invitationResponseSchema) as unknown as Resolver<InvitationResponseValues>;

/** Accept (optionally with a maximum number of proposals) or decline with a reason. */
export function InvitationResponseForm({
  invitationId,
  respond,
}: {
  invitationId: number;
  respond: (input: { invitationId: number; values: InvitationResponseValues }) => Promise<ActionResult<{ status: "accepted" | "declined" }>>;
}) {
  const router = useRouter();
  const form = useForm<InvitationResponseValues>({
    resolver,
    defaultValues: { response: "", maxProposals: "", declineReason: "", declineDetails: "" },
    shouldFocusError: false,
  });
  const { register, watch, formState } = form;
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const [busy, setBusy] = useState(false);
  const response = watch("response");
  const reason = watch("declineReason");
  const err = (name: keyof InvitationResponseValues) => formState.errors[name]?.message;

  const onValid = async (values: InvitationResponseValues) => {
    setBusy(true);
    const result = await respond({ invitationId, values }).catch(() => null);
    setBusy(false);
    if (result?.ok) {
      router.push(`${paths.assessments}?answered=${result.data.status}`);
      return;
    }
    if (!result) setSummary([{ field: "response", message: "Could not reach Tandem. Check your connection and try again." }]);
    else if (result.fieldErrors) setSummary(applyServerErrors(form.setError, result.fieldErrors));
    else setSummary([{ field: "response", message: result.message }]);
  };

  const radio = (name: "response" | "declineReason", value: string, label: string, first: boolean) => {
    const id = first ? fieldId(name) : fieldId(`${name}.${value}`);
    return (
      <div className="radio" key={value}>
        <input type="radio" id={id} value={value} {...register(name)} />
        <label htmlFor={id}>{label}</label>
      </div>
    );
  };

  return (
    <>
      <ErrorSummary items={summary} />
      <form noValidate onSubmit={form.handleSubmit(onValid, (errors) => setSummary(summariseErrors(errors)))}>
        <Field path="response" labelAs="legend" label="Will you assess proposals for this call?" error={err("response")}>
          <div className="radios">
            {radio("response", "accept", "Yes, I accept", true)}
            {response === "accept" ? (
              <div className="conditional">
                <Field
                  path="maxProposals"
                  label="Maximum number of proposals you will assess (optional)"
                  hint="Leave blank if you have no limit. Automatic assignment never gives you more than this."
                  error={err("maxProposals")}
                >
                  <input
                    type="text"
                    inputMode="numeric"
                    id={fieldId("maxProposals")}
                    className={`input--short${err("maxProposals") ? " input--error" : ""}`}
                    aria-invalid={Boolean(err("maxProposals"))}
                    aria-describedby={describedBy("maxProposals", true, err("maxProposals"))}
                    {...register("maxProposals")}
                  />
                </Field>
              </div>
            ) : null}
            {radio("response", "decline", "No, I decline", false)}
            {response === "decline" ? (
              <div className="conditional">
                <Field path="declineReason" labelAs="legend" label="Why are you declining?" error={err("declineReason")}>
                  <div className="radios">
                    {DECLINE_REASONS.map((r, i) => radio("declineReason", r, DECLINE_REASON_LABELS[r], i === 0))}
                  </div>
                </Field>
                {reason === "other" ? (
                  <Field path="declineDetails" label="Tell us why" error={err("declineDetails")}>
                    <textarea
                      id={fieldId("declineDetails")}
                      rows={3}
                      className={err("declineDetails") ? "input--error" : undefined}
                      aria-invalid={Boolean(err("declineDetails"))}
                      aria-describedby={describedBy("declineDetails", false, err("declineDetails"))}
                      {...register("declineDetails")}
                    />
                  </Field>
                ) : null}
              </div>
            ) : null}
          </div>
        </Field>
        <button type="submit" className="button" disabled={busy}>
          Send your answer
        </button>
      </form>
    </>
  );
}
