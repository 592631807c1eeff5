"use client";

import type { ActionResult } from "@/lib/action-result";
import { paths } from "@/lib/paths";
import { useServerAction } from "../form/use-server-action";

export function ReopenButton({
  proposalId,
  reopen,
}: {
  proposalId: number;
  reopen: (input: { proposalId: number }) => Promise<ActionResult<{ version: number }>>;
}) {
  const { run, pending, failure } = useServerAction(reopen, { then: () => paths.editProposal(proposalId) });
  return (
    <>
      {failure ? (
        <div className="notification notification--warning" role="alert">
          <p>{failure.message}</p>
        </div>
      ) : null}
      <button
        type="button"
        className="button button--secondary"
        disabled={pending}
        onClick={() => run({ proposalId })}
      >
        Reopen for editing
      </button>
    </>
  );
}
