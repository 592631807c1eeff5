"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";

/** Disables or re-enables one account, then refreshes the list. */
export function AccountToggle({
  userId,
  name,
  disabled,
  action,
}: {
  userId: number;
  name: string;
  disabled: boolean;
  action: (input: { userId: number; disabled: boolean }) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      {error ? (
        <p className="error-message" role="alert">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        className="link-button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await action({ userId, disabled: !disabled });
            if (result.ok) router.refresh();
            else setError(result.message);
          })
        }
      >
        {disabled ? "Enable" : "Disable"}
        <span className="visually-hidden"> the account of {name}</span>
      </button>
    </>
  );
}
