"use client";

import { useMemo } from "react";
import { ErrorSummary, type SummaryItem } from "@/components/form/ErrorSummary";
import { useServerAction } from "@/components/form/use-server-action";
import type { ActionFailure, ActionResult } from "@/lib/action-result";
import { paths } from "@/lib/paths";

export interface SubmitProposalProps {
  proposalId: number;
  version: number;
  submit: (input: { proposalId: number; baseVersion: number }) => Promise<ActionResult<{ version: number }>>;
  /** Where a field error's link leads ("project.title" → the Project page). */
  taskHref: Record<string, string>;
}

/**
 * The button at the foot of "Check your answers": it says what it does, and a refusal (a change
 * made in another tab, a section no longer complete, the call closed) is shown as an error
 * summary whose links lead to the task that needs attention.
 */
export function SubmitProposal({ proposalId, version, submit, taskHref }: SubmitProposalProps) {
  const { run, pending, failure } = useServerAction(submit, { then: () => `${paths.proposal(proposalId)}?submitted=1` });
  // One array per refusal: the summary takes focus each time its items change.
  const problems = useMemo(() => (failure ? problemsOf(failure, proposalId, taskHref) : []), [failure, proposalId, taskHref]);
  return (
    <>
      <ErrorSummary items={problems} />
      <button type="button" id="submit" className="button" onClick={() => run({ proposalId, baseVersion: version })} disabled={pending}>
        {pending ? "Submitting…" : "Accept and submit proposal"}
      </button>
    </>
  );
}

/** Each missing answer links to its task; anything else to the button (or, on a conflict, a fresh check page). */
function problemsOf(failure: ActionFailure, proposalId: number, taskHref: Record<string, string>): SummaryItem[] {
  const fields = Object.entries(failure.fieldErrors ?? {});
  if (fields.length > 0) return fields.map(([field, message]) => ({ field, message, href: taskHref[field.split(".")[0]!] ?? "#submit" }));
  return [{ field: "submit", message: failure.message, href: failure.code === "conflict" ? paths.checkProposal(proposalId) : "#submit" }];
}
