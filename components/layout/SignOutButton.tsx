"use client";

import { useState, useTransition } from "react";
import { flushAutosaves } from "@/components/form/autosave/use-autosave";
import { clearLocalDraft, localDraftKeys } from "@/components/form/autosave/local-draft";

/**
 * Signs out on every device. First it saves what this page has not saved yet; copies of drafts
 * kept in this browser are removed once the server holds them (shared computers). A copy the
 * server does not hold (offline, another tab's conflict) is never removed silently: the person
 * chooses to keep it on this device or delete it.
 */
export function SignOutButton({ signOut }: { signOut: () => Promise<void> }) {
  const [unsaved, setUnsaved] = useState<string[] | null>(null);
  const [pending, startTransition] = useTransition();

  const finish = (discard: string[]) =>
    startTransition(async () => {
      for (const key of discard) clearLocalDraft(key);
      await signOut();
    });

  const start = () =>
    startTransition(async () => {
      await flushAutosaves();
      const left = localDraftKeys().filter((key) => key.unsaved);
      // Saved copies (the server holds them) go at once; unsaved ones need a decision.
      for (const key of localDraftKeys().filter((k) => !k.unsaved)) clearLocalDraft(key.key);
      if (left.length === 0) {
        await signOut();
        return;
      }
      setUnsaved(left.map((k) => k.key));
    });

  if (unsaved) {
    return (
      <span role="alert" className="sign-out-warning">
        {unsaved.length === 1 ? "One draft has" : `${unsaved.length} drafts have`} changes that are not saved on Tandem yet, only
        in this browser.{" "}
        <button type="button" className="link-button" disabled={pending} onClick={() => finish([])}>
          Sign out and keep them on this device
        </button>{" "}
        <button type="button" className="link-button" disabled={pending} onClick={() => finish(unsaved)}>
          Sign out and delete them
        </button>{" "}
        <button type="button" className="link-button" disabled={pending} onClick={() => setUnsaved(null)}>
          Cancel
        </button>
      </span>
    );
  }
  return (
    <form
      action={signOut}
      onSubmit={(event) => {
        event.preventDefault();
        start();
      }}
    >
      <button type="submit" className="link-button" disabled={pending}>
        Sign out
      </button>
    </form>
  );
}
