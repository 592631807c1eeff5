"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { ActionResult } from "@/lib/action-result";
import { useServerAction } from "../form/use-server-action";
import styles from "./manage.module.css";

/**
 * A button that asks "are you sure?" in place before running a server action, then refreshes
 * the page. Used for actions that cannot be undone (releasing decisions) or that stop a count.
 * It shows no success message of its own: the refresh usually unmounts the button in the same
 * transition (the action changed what the page offers), so the page says what happened from its
 * stored state instead (released on…, drawn order, confirmed by…). A refusal is shown here.
 */
export function ConfirmAction<T>({
  label,
  confirmLabel,
  question,
  input,
  action,
  warning = false,
}: {
  label: string;
  confirmLabel: string;
  question: ReactNode;
  input: T;
  action: (input: T) => Promise<ActionResult<unknown>>;
  warning?: boolean;
}) {
  const id = useId();
  const [asking, setAsking] = useState(false);
  const { run: call, pending, failure } = useServerAction(action);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);

  const run = async () => {
    await call(input);
    setAsking(false);
  };

  return (
    <div>
      {failure ? (
        <div className="notification notification--warning" role="alert">
          <p>{failure.message}</p>
        </div>
      ) : null}
      {asking ? (
        <div className={styles.confirm} role="group" aria-labelledby={`${id}-q`}>
          <p id={`${id}-q`}>{question}</p>
          <button ref={confirmRef} type="button" className={`button ${warning ? "button--warning" : ""}`} onClick={run} disabled={pending}>
            {pending ? "Working…" : confirmLabel}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setAsking(false)} disabled={pending}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className={`button ${warning ? "button--warning" : "button--secondary"}`} onClick={() => setAsking(true)}>
          {label}
        </button>
      )}
    </div>
  );
}
