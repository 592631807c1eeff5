"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition, type ReactNode } from "react";
import type { ActionResult } from "@/lib/action-result";
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
  const router = useRouter();
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);

  const run = () =>
    startTransition(async () => {
      const result = await action(input);
      setAsking(false);
      if (result.ok) {
        setMessage(done ? { ok: true, text: done } : null);
        router.refresh();
      } else setMessage({ ok: false, text: result.message });
    });

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
