"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import { paths } from "@/lib/paths";
import { fieldId } from "../form/field-id";

type AdoptResult = ActionResult<{ fund: number; reserve: number; reject: number; awaitingAssessment: number }>;

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
  action: (input: { callId: number; scenarioId: number; reserves: string }) => Promise<AdoptResult>;
}) {
  const router = useRouter();
  const [reserves, setReserves] = useState("2");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const id = fieldId("reserves");

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      setError(null);
      setDone(null);
      const result = await action({ callId, scenarioId, reserves });
      if (result.ok) {
        const d = result.data;
        setDone(`Decisions pre-filled: ${d.fund} fund, ${d.reserve} reserve list, ${d.reject} do not fund.`);
        router.refresh();
      } else setError(result.fieldErrors?.reserves ?? result.message);
    });
  };

  return (
    <form noValidate onSubmit={submit}>
      {done ? (
        <div className="notification notification--success" role="status">
          <p>
            {done} <Link href={paths.callRanking(callId)}>Review and edit them on the ranking</Link>.
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
