"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import type { ActionResult } from "@/lib/action-result";
import { COUNTRIES, UK_CODE } from "@/lib/domain/report/countries";
import { paths } from "@/lib/paths";
import { CURRENCY_OPTIONS, partnerAgencyFormSchema, type PartnerAgencyFormValues } from "@/lib/validation/agencies";
import { SelectField } from "../form/SelectField";
import { TextField } from "../form/TextField";
import { ErrorSummary, type SummaryItem } from "../form/ErrorSummary";
import { applyServerErrors, summariseErrors } from "../form/errors";
import { PasswordLinkPanel, type PasswordLinkView } from "./PasswordLinkPanel";

const EMPTY: PartnerAgencyFormValues = { name: "", country: "", currency: "", managerName: "", managerEmail: "", managerOrganisation: "" };

type TextName = "name" | "managerName" | "managerEmail" | "managerOrganisation";

export interface CreatedAgencyView {
  agency: { id: number; name: string };
  link: PasswordLinkView;
}

/** A home manager creates a partner agency and its first manager, who gets a one-time link. */
export function PartnerAgencyForm({ action }: { action: (values: PartnerAgencyFormValues) => Promise<ActionResult<CreatedAgencyView>> }) {
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedAgencyView | null>(null);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, setError, getValues, formState, reset } = useForm<PartnerAgencyFormValues>({
    resolver: zodResolver(partnerAgencyFormSchema) as never,
    shouldFocusError: false,
    defaultValues: EMPTY,
  });
  const errors = formState.errors;

  const onValid = () =>
    startTransition(async () => {
      setMessage(null);
      const result = await action(getValues());
      if (result.ok) {
        setSummary([]);
        setCreated(result.data);
        reset(EMPTY);
      } else if (result.fieldErrors) setSummary(applyServerErrors(setError, result.fieldErrors));
      else setMessage(result.message);
    });

  if (created) {
    return (
      <>
        <PasswordLinkPanel link={created.link} heading={`${created.agency.name} added`} />
        <p>
          <Link href={paths.agencies} className="button">
            Back to agencies
          </Link>
        </p>
      </>
    );
  }

  const text = (name: TextName, label: string, type: string, hint?: string) => (
    <TextField path={name} label={label} type={type} hint={hint} error={errors[name]?.message} registration={register(name)} />
  );
  const select = (name: "country" | "currency", label: string, placeholder: string, options: { value: string; label: string }[]) => (
    <SelectField path={name} label={label} placeholder={placeholder} options={options} error={errors[name]?.message} registration={register(name)} />
  );

  return (
    <form noValidate onSubmit={handleSubmit(onValid, (e) => setSummary(summariseErrors(e)))}>
      <ErrorSummary items={summary} />
      {message ? (
        <div className="notification notification--warning" role="alert">
          <p>{message}</p>
        </div>
      ) : null}
      <h2>The agency</h2>
      {text("name", "Agency name", "text")}
      {select(
        "country",
        "Country",
        "Choose a country",
        COUNTRIES.filter((c) => c.code !== UK_CODE).map((c) => ({ value: c.code, label: c.name })),
      )}
      {select("currency", "Currency its budgets and grants are in", "Choose a currency", CURRENCY_OPTIONS)}
      <h2>Its first manager</h2>
      <p className="hint">The account is created without a password; you get a one-time link to send them. They can then add their own agency&apos;s assessors.</p>
      {text("managerName", "Full name", "text")}
      {text("managerEmail", "Email address", "email", "They sign in with this address.")}
      {text("managerOrganisation", "Organisation (optional)", "text", "Left blank, the agency's name is used.")}
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Creating…" : "Create agency and manager"}
      </button>
    </form>
  );
}
