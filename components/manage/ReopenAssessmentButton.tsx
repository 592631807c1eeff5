"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { useServerAction } from "../form/use-server-action";
import styles from "./manage.module.css";

/** Puts a submitted assessment back to draft so its assessor can change it; asks first, with an optional reason. */
export function ReopenAssessmentButton({
  assessmentId,
  assessorName,
  reopen,
}: {
  assessmentId: number;
  assessorName: string;
  reopen: (input: { assessmentId: number; reason: string }) => Promise<ActionResult<unknown>>;
}) {
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState("");
  const { run: call, pending, failure } = useServerAction(reopen, { onSuccess: () => setAsking(false) });
  const error = failure ? (failure.fieldErrors?.reason ?? failure.message) : null;
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (asking) reasonRef.current?.focus();
  }, [asking]);

  const run = () => void call({ assessmentId, reason });

  if (!asking) {
    return (
      <button type="button" className="button button--secondary" onClick={() => setAsking(true)}>
        Reopen assessment<span className="visually-hidden"> by {assessorName}</span>
      </button>
    );
  }
  return (
    <div className={styles.confirm} role="group" aria-label={`Reopen the assessment by ${assessorName}`}>
      <p>
        {assessorName} will be able to change and resubmit it. Until then it does not count toward the ranking.
      </p>
      {error ? (
        <p className="error-message" role="alert">
          {error}
        </p>
      ) : null}
      <label htmlFor={`${id}-reason`}>Reason (optional, kept in the audit log)</label>
      <textarea id={`${id}-reason`} ref={reasonRef} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      <p>
        <button type="button" className="button button--warning" onClick={run} disabled={pending}>
          {pending ? "Reopening…" : "Reopen assessment"}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setAsking(false)} disabled={pending}>
          Cancel
        </button>
      </p>
    </div>
  );
}
