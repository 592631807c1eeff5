"use client";

import { useActionState, useState } from "react";
import { ErrorSummary } from "@/components/form/ErrorSummary";
import { fieldId } from "@/components/form/field-id";
import { CompletedQuestion } from "@/components/tasks/CompletedQuestion";
import { uploadErrorMessage, type AppendixSlot } from "@/lib/domain/appendices";
import type { AppendixFormState } from "@/lib/server/actions/appendix-actions";

type FormAction = (previous: AppendixFormState, formData: FormData) => Promise<AppendixFormState>;

const EMPTY: AppendixFormState = { errors: {} };

/**
 * The GOV.UK file upload for one slot, with its errors. It posts to a server action, so it works
 * without JavaScript; with it, a file over the slot's limit is refused before it is sent.
 */
export function AppendixUpload({
  proposalId,
  slot,
  replacing,
  action,
  describedBy,
}: {
  proposalId: number;
  slot: Pick<AppendixSlot, "key" | "name" | "allowedTypes" | "maxBytes" | "maxFiles">;
  /** The slot holds one file and has one: uploading replaces it. */
  replacing: string | null;
  action: FormAction;
  describedBy: string;
}) {
  const [state, formAction, pending] = useActionState(action, EMPTY);
  const [tooLarge, setTooLarge] = useState(false);
  const error = tooLarge ? uploadErrorMessage("too-large", slot) : state.errors.file;
  const id = fieldId("file");
  return (
    <>
      <ErrorSummary items={error ? [{ field: "file", message: error }] : []} />
      {state.uploaded && !error ? (
        <div className="notification notification--success" role="status">
          <p>{state.uploaded} has been uploaded.</p>
        </div>
      ) : null}
      <form
        action={formAction}
        onSubmit={(event) => {
          const input = event.currentTarget.elements.namedItem("file") as HTMLInputElement | null;
          const file = input?.files?.[0];
          if (file && file.size > slot.maxBytes) {
            event.preventDefault();
            setTooLarge(true);
          } else setTooLarge(false);
        }}
      >
        <input type="hidden" name="proposalId" value={proposalId} />
        <input type="hidden" name="slotKey" value={slot.key} />
        <div className={`form-group${error ? " form-group--error" : ""}`}>
          <label htmlFor={id}>{replacing ? `Upload a file to replace ${replacing}` : "Upload a file"}</label>
          {error ? (
            <p className="error-message" id={`${id}-error`}>
              <span className="visually-hidden">Error:</span> {error}
            </p>
          ) : null}
          <input
            type="file"
            id={id}
            name="file"
            className={error ? "input--error" : undefined}
            aria-describedby={[describedBy, error ? `${id}-error` : null].filter(Boolean).join(" ")}
            aria-invalid={Boolean(error)}
          />
        </div>
        <button type="submit" className="button button--secondary" disabled={pending}>
          {pending ? "Uploading…" : replacing ? "Replace file" : "Upload file"}
        </button>
      </form>
    </>
  );
}

/** "Have you completed this section?" for a slot, posted to a server action. */
export function AppendixCompleted({
  proposalId,
  slotKey,
  defaultValue,
  returnTo,
  action,
}: {
  proposalId: number;
  slotKey: string;
  defaultValue: string;
  returnTo: "final" | null;
  action: FormAction;
}) {
  const [state, formAction, pending] = useActionState(action, EMPTY);
  const items = Object.entries(state.errors).map(([field, message]) => ({ field, message }));
  return (
    <form action={formAction}>
      <ErrorSummary items={items} />
      <input type="hidden" name="proposalId" value={proposalId} />
      <input type="hidden" name="slotKey" value={slotKey} />
      {returnTo ? <input type="hidden" name="return" value={returnTo} /> : null}
      <CompletedQuestion defaultValue={defaultValue} error={state.errors.completed} />
      <button type="submit" className="button" disabled={pending}>
        {returnTo === "final" ? "Save and return to check your answers" : "Save and continue"}
      </button>
    </form>
  );
}
