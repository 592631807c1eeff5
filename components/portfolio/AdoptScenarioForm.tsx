"use client";

import Link from "next/link";
import { useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { paths } from "@/lib/paths";
import { ErrorSummary } from "../form/ErrorSummary";
import { fieldId } from "../form/field-id";
import { useServerAction } from "../form/use-server-action";

type Adopted = { fund: number; reserve: number; reject: number; awaitingAssessment: number };

/** Adopts a scenario: its plan pre-fills the decisions (fund, reserve, reject), which stay editable. */
export function AdoptScenarioForm({
  callId,
  scenarioId,
  adopted,
  action,
}: {
  callId: number;
  scenarioId: number;
  adopted: boolean;
  action: (input: { callId: number; scenarioId: number; reserves: string }) => Promise<ActionResult<Adopted>>;
}) {
  const [reserves, setReserves] = useState("2");
  // The counts of this adoption; the page's "Adopted" tag (after the refresh) is the stored state.
  const [done, setDone] = useState<Adopted | null>(null);
  const { run, pending, failure } = useServerAction(action, { onSuccess: setDone });
  const error = failure ? (failure.fieldErrors?.reserves ?? failure.message) : null;
  const id = fieldId("reserves");

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setDone(null);
    void run({ callId, scenarioId, reserves });
  };

  return (
    <form noValidate onSubmit={submit}>
      <ErrorSummary items={error ? [{ field: "reserves", message: error }] : []} />
      {done ? (
        <div className="notification notification--success" role="status">
          <p>
            Decisions pre-filled: {done.fund} fund, {done.reserve} reserve list, {done.reject} do not fund.{" "}
            <Link href={paths.callRanking(callId)}>Review and edit them on the ranking</Link>.
          </p>
        </div>
      ) : null}
      <div className={`form-group${error ? " form-group--error" : ""}`}>
        <label htmlFor={id}>Reserve proposals</label>
        <div className="hint" id={`${id}-hint`}>
          How many of the next eligible proposals in rank order go on the reserve list. Adopting replaces any decisions already
          recorded for the call’s ranked proposals; each one can still be changed afterwards.
        </div>
        {error ? (
          <p className="error-message" id={`${id}-error`}>
            <span className="visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <input
          id={id}
          type="text"
          inputMode="numeric"
          className={`input--short${error ? " input--error" : ""}`}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          aria-invalid={error ? true : undefined}
          value={reserves}
          onChange={(e) => setReserves(e.target.value)}
        />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Adopting…" : adopted ? "Adopt again and pre-fill decisions" : "Adopt this scenario and pre-fill decisions"}
      </button>
    </form>
  );
}
