"use client";

import type { ActionResult } from "@/lib/action-result";
import { useServerAction } from "../form/use-server-action";

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
  const { run, pending, failure } = useServerAction(action);
  return (
    <>
      {failure ? (
        <p className="error-message" role="alert">
          {failure.message}
        </p>
      ) : null}
      <button type="button" className="link-button" disabled={pending} onClick={() => run({ userId, disabled: !disabled })}>
        {disabled ? "Enable" : "Disable"}
        <span className="visually-hidden"> the account of {name}</span>
      </button>
    </>
  );
}
