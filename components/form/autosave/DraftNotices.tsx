"use client";

import type { LocalDraft } from "./local-draft";

/** What autosave found on this device when the page loaded. */
export function DraftNotices({
  noun,
  restored,
  staleDraft,
  onRestore,
  onDiscard,
}: {
  noun: string;
  restored: boolean;
  staleDraft: LocalDraft<unknown> | null;
  onRestore: () => void;
  onDiscard: () => void;
}) {
  return (
    <>
      {restored ? (
        <div className="notification notification--success" role="status">
          <p>We brought back changes you made on this device that had not been saved yet.</p>
        </div>
      ) : null}
      {staleDraft ? (
        <div className="notification notification--warning" role="alert">
          <h2>You have unsaved changes on this device</h2>
          <p>
            They were made on {new Date(staleDraft.at).toLocaleString("en-GB")}, but this {noun} has been changed since then
            somewhere else. Choose which version to keep.
          </p>
          <button type="button" className="button" onClick={onRestore}>
            Use the changes on this device
          </button>
          <button type="button" className="button button--secondary" onClick={onDiscard}>
            Keep the saved version
          </button>
        </div>
      ) : null}
    </>
  );
}
