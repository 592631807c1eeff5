"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { ActionResult } from "@/lib/action-result";
import { COUNTRIES } from "@/lib/domain/report/countries";
import { TECHNOLOGY_DOMAINS, THEMES } from "@/lib/domain/report/technology-domains";
import { paths } from "@/lib/paths";
import { personFormSchema, type PersonFormValues } from "@/lib/validation/manage";
import { SelectField } from "../form/SelectField";
import { TextField } from "../form/TextField";
import { ErrorSummary } from "../form/ErrorSummary";
import { Field } from "../form/Field";
import { fieldId } from "../form/field-id";
import { useServerAction } from "../form/use-server-action";
import styles from "./manage.module.css";
import { PasswordLinkPanel, type PasswordLinkView } from "./PasswordLinkPanel";

const EMPTY: PersonFormValues = { role: "", name: "", email: "", organisation: "", country: "", expertise: [] };

const shortNameCount = new Map<string, number>();
for (const d of TECHNOLOGY_DOMAINS) shortNameCount.set(d.shortName, (shortNameCount.get(d.shortName) ?? 0) + 1);
/** Short names, except where several domains share one (Table 4.1's three "Data science and sensors"). */
const domainLabel = (d: (typeof TECHNOLOGY_DOMAINS)[number]) => ((shortNameCount.get(d.shortName) ?? 0) > 1 ? d.longName : d.shortName);

const COUNTRY_OPTIONS = COUNTRIES.map((c) => ({ value: c.code, label: c.name }));

const ORGANISATION_HINT = "Assessors are never assigned to proposals whose lead or partners include this organisation.";

export function PersonForm({ action }: { action: (values: PersonFormValues) => Promise<ActionResult<PasswordLinkView>> }) {
  const [created, setCreated] = useState<PasswordLinkView | null>(null);
  const { register, handleSubmit, setError, getValues, control, formState, reset } = useForm({
    resolver: zodResolver(personFormSchema),
    shouldFocusError: false,
    defaultValues: EMPTY,
  });
  const role = useWatch({ control, name: "role" });
  const errors = formState.errors;

  const { run, pending, failure, summary, invalid } = useServerAction(action, {
    setError,
    then: "none",
    onSuccess: (link) => {
      setCreated(link);
      reset(EMPTY);
    },
  });
  const message = failure && !failure.fieldErrors ? failure.message : null;
  const onValid = () => void run(getValues() as PersonFormValues);

  if (created) {
    return (
      <>
        <PasswordLinkPanel link={created} heading="Account created" />
        <p>
          <button type="button" className="button" onClick={() => setCreated(null)}>
            Add another person
          </button>
          <Link href={paths.people} className="button button--secondary">
            Back to assessors and managers
          </Link>
        </p>
      </>
    );
  }

  const text = (name: "name" | "email" | "organisation", label: string, type: string, autoComplete: string, hint?: string) => (
    <TextField path={name} label={label} type={type} autoComplete={autoComplete} hint={hint} error={errors[name]?.message} registration={register(name)} />
  );

  const roleError = errors.role?.message;
  const expertiseError = errors.expertise?.message ?? errors.expertise?.root?.message;

  return (
    <form noValidate onSubmit={handleSubmit(onValid, invalid)}>
      <ErrorSummary items={summary} />
      {message ? (
        <div className="notification notification--warning" role="alert">
          <p>{message}</p>
        </div>
      ) : null}
      <Field path="role" label="Kind of account" labelAs="legend" error={roleError}>
        <div className="checkbox">
          <input type="radio" id={fieldId("role")} value="assessor" {...register("role")} />
          <label htmlFor={fieldId("role")}>Assessor – scores the proposals assigned to them</label>
        </div>
        <div className="checkbox">
          <input type="radio" id={`${fieldId("role")}-manager`} value="manager" {...register("role")} />
          <label htmlFor={`${fieldId("role")}-manager`}>Portfolio manager – runs calls, like you</label>
        </div>
      </Field>
      {text("name", "Full name", "text", "off")}
      {text("email", "Email address", "email", "off", "They sign in with this address.")}
      {text("organisation", "Organisation", "text", "off", ORGANISATION_HINT)}
      <SelectField
        path="country"
        label="Country"
        placeholder="Choose a country"
        options={COUNTRY_OPTIONS}
        error={errors.country?.message}
        registration={register("country")}
      />
      {role === "assessor" ? (
        <Field
          path="expertise"
          label="Technology domains of expertise"
          labelAs="legend"
          hint="Automatic assignment prefers experts in a proposal’s domain. Select at least one."
          error={expertiseError}
        >
          <div className={styles.checkboxGroups}>
            {THEMES.map((theme) => (
              <fieldset key={theme.id}>
                <legend>{theme.name}</legend>
                {TECHNOLOGY_DOMAINS.filter((d) => d.theme === theme.id).map((d, i) => {
                  // The first box carries the field's id, so the error summary can focus it.
                  const id = theme.id === THEMES[0]!.id && i === 0 ? fieldId("expertise") : `expertise-${d.id}`;
                  return (
                    <div className="checkbox" key={d.id}>
                      <input type="checkbox" id={id} value={d.id} {...register("expertise")} />
                      <label htmlFor={id}>{domainLabel(d)}</label>
                    </div>
                  );
                })}
              </fieldset>
            ))}
          </div>
        </Field>
      ) : null}
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Creating…" : "Create account"}
      </button>
    </form>
  );
}
