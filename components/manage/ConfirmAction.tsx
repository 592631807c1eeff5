"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { ActionResult } from "@/lib/action-result";
import { useServerAction } from "../form/use-server-action";
import styles from "./manage.module.css";

/**
 * A button that asks "are you sure?" in place before running a server action, then refreshes
 * the page. Used for actions that cannot be undone (releasing decisions) or that stop a count.
 */
export function ConfirmAction<T>({
  label,
  confirmLabel,
  question,
  input,
  action,
  warning = false,
  done,
}: {
  label: string;
  confirmLabel: string;
  question: ReactNode;
  input: T;
  action: (input: T) => Promise<ActionResult<unknown>>;
  warning?: boolean;
  /** Shown after success (until the refreshed page replaces it). */
  done?: string;
}) {
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const { run: call, pending } = useServerAction(action, {
    onSuccess: () => setMessage(done ? { ok: true, text: done } : null),
    onFailure: (failure) => setMessage({ ok: false, text: failure.message }),
  });
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
      {message ? (
        <div className={`notification ${message.ok ? "notification--success" : "notification--warning"}`} role={message.ok ? "status" : "alert"}>
          <p>{message.text}</p>
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
