"use client";

import { useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { useServerAction } from "../form/use-server-action";
import styles from "./manage.module.css";

/**
 * Unassigns an assessor. One who has started scoring needs a confirmation: their assessment is
 * kept on record but no longer counts. The server refuses without it, whatever the page shows.
 */
export function UnassignButton({
  proposalId,
  assessorId,
  assessorName,
  proposalTitle,
  started,
  unassign,
}: {
  proposalId: number;
  assessorId: number;
  assessorName: string;
  proposalTitle: string;
  started: boolean;
  unassign: (input: { proposalId: number; assessorId: number; confirmed: boolean }) => Promise<ActionResult<unknown>>;
}) {
  const [asking, setAsking] = useState<string | null>(null);
  const { run: call, pending, failure } = useServerAction(unassign, {
    onSuccess: () => setAsking(null),
    // "Conflict": they have started scoring, so the server asks for a confirmation first.
    onFailure: (f) => (f.code === "conflict" ? setAsking(f.message) : undefined),
  });
  const error = failure && failure.code !== "conflict" ? failure.message : null;
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);

  const run = (confirmed: boolean) => void call({ proposalId, assessorId, confirmed });

  if (asking) {
    return (
      <div className={styles.confirm} role="group" aria-label={`Confirm unassigning ${assessorName}`}>
        <p>{asking}</p>
        <button ref={confirmRef} type="button" className="button button--warning" onClick={() => run(true)} disabled={pending}>
          Yes, unassign {assessorName}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setAsking(null)} disabled={pending}>
          Cancel
        </button>
      </div>
    );
  }
  return (
    <>
      {error ? (
        <span className="error-message" role="alert">
          {error}
        </span>
      ) : null}
      <button
        type="button"
        className="link-button"
        disabled={pending}
        onClick={() =>
          started
            ? setAsking(`${assessorName} has started scoring this proposal. Their assessment stays on record but will no longer count.`)
            : run(false)
        }
      >
        Unassign<span className="visually-hidden"> {assessorName} from {proposalTitle}</span>
      </button>
    </>
  );
}

/**
 * Starts automatic assignment (a background job); the page then shows its progress and, when it
 * is done, its report (components/manage/AssignmentBoard.tsx).
 */
export function AutoAssignButton({ callId, autoAssign }: { callId: number; autoAssign: (input: { callId: number }) => Promise<ActionResult<unknown>> }) {
  const { run, pending, failure } = useServerAction(autoAssign);
  return (
    <>
      {failure ? (
        <div className="notification notification--warning" role="alert">
          <p>{failure.message}</p>
        </div>
      ) : null}
      <button type="button" className="button" onClick={() => void run({ callId })} disabled={pending}>
        {pending ? "Starting…" : "Assign automatically"}
      </button>
    </>
  );
}
