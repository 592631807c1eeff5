"use client";

import { useState } from "react";
import { redoLotteryAction } from "@/lib/server/actions/calibration-actions";
import { ErrorSummary } from "../form/ErrorSummary";
import { fieldId } from "../form/field-id";
import { useServerAction } from "../form/use-server-action";

/** Redoing a draw: never silent, so the reason is required and goes into the audit log. */
export function RedoLotteryForm({ callId }: { callId: number }) {
  const id = fieldId("reason");
  const [reason, setReason] = useState("");
  const { run, pending, failure } = useServerAction(redoLotteryAction, { onSuccess: () => setReason("") });
  const error = failure ? (failure.fieldErrors?.reason ?? failure.message) : null;
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    void run({ callId, reason });
  };
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary items={error ? [{ field: "reason", message: error }] : []} />
      <div className={`form-group ${error ? "form-group--error" : ""}`}>
        <label htmlFor={id}>
          <strong>Reason for redoing the draw</strong>
        </label>
        <p className="hint" id={`${id}-hint`}>
          The current lottery is set aside and a new seed committed. The reason is recorded in the audit log.
        </p>
        {error ? (
          <p className="error-message" id={`${id}-error`}>
            <span className="visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <textarea
          id={id}
          name="reason"
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          aria-invalid={error ? true : undefined}
          className={error ? "input--error" : undefined}
        />
      </div>
      <button type="submit" className="button button--warning" disabled={pending}>
        {pending ? "Working…" : "Redo the draw"}
      </button>
    </form>
  );
}
