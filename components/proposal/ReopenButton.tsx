"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";

export function ReopenButton({
  proposalId,
  reopen,
}: {
  proposalId: number;
  reopen: (input: { proposalId: number }) => Promise<ActionResult<{ version: number }>>;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      {message ? (
        <div className="notification notification--warning" role="alert">
          <p>{message}</p>
        </div>
      ) : null}
      <button
        type="button"
        className="button button--secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await reopen({ proposalId });
            if (result.ok) router.push(`/proposals/${proposalId}/edit`);
            else setMessage(result.message);
          })
        }
      >
        Reopen for editing
      </button>
    </>
  );
}
