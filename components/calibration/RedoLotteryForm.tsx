"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { redoLotteryAction } from "@/lib/server/actions/calibration-actions";

/** Redoing a draw: never silent, so the reason is required and goes into the audit log. */
export function RedoLotteryForm({ callId }: { callId: number }) {
  const router = useRouter();
  const id = useId();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await redoLotteryAction({ callId, reason });
      if (result.ok) {
        setError(null);
        setReason("");
        router.refresh();
      } else setError(result.fieldErrors?.reason ?? result.message);
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <div className={`form-group ${error ? "form-group--error" : ""}`}>
        <label htmlFor={`${id}-reason`}>
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
          id={`${id}-reason`}
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
