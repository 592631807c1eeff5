"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorSummary, type SummaryItem } from "@/components/form/ErrorSummary";
import type { ActionResult } from "@/lib/action-result";
import { paths } from "@/lib/paths";

/**
 * The button at the foot of "Check your answers": it says what it does, and a refusal (a change
 * made in another tab, a section no longer complete, the call closed) is shown as an error
 * summary whose links lead to the task that needs attention.
 */
export function SubmitProposal({
  proposalId,
  version,
  submit,
  taskHref,
}: {
  proposalId: number;
  version: number;
  submit: (input: { proposalId: number; baseVersion: number }) => Promise<ActionResult<{ version: number }>>;
  /** Where a field error's link leads ("project.title" → the Project page). */
  taskHref: Record<string, string>;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const onClick = async () => {
    setBusy(true);
    let result: ActionResult<{ version: number }> | null = null;
    try {
      result = await submit({ proposalId, baseVersion: version });
    } catch {
      result = null;
    }
    setBusy(false);
    if (result?.ok) {
      router.push(`${paths.proposal(proposalId)}?submitted=1`);
      return;
    }
    if (!result) {
      setProblems([{ field: "submit", message: "Could not reach Tandem. Check your connection and try again.", href: "#submit" }]);
      return;
    }
    const fields = Object.entries(result.fieldErrors ?? {});
    setProblems(
      fields.length > 0
        ? fields.map(([field, message]) => ({ field, message, href: taskHref[field.split(".")[0]!] ?? "#submit" }))
        : [{ field: "submit", message: result.message, href: result.code === "conflict" ? paths.checkProposal(proposalId) : "#submit" }],
    );
  };
  return (
    <>
      <ErrorSummary items={problems} />
      <button type="button" id="submit" className="button" onClick={onClick} disabled={busy}>
        {busy ? "Submitting…" : "Accept and submit proposal"}
      </button>
    </>
  );
}
