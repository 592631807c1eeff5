"use client";

import type { ReactNode } from "react";
import { paths } from "@/lib/paths";
import type { SaveStatus } from "./use-autosave";

const timeLabel = (iso: string) => new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

/**
 * Where autosave stands, with the choices an expired session or a second tab need. Anything in
 * `children` (progress) sits outside the live region, so it is not announced on every change.
 */
export function SaveStatusPanel({
  status,
  noun,
  returnTo,
  onKeepMine,
  onLoadTheirs,
  onRetry,
  fieldLabel = (path) => path,
  children,
}: {
  status: SaveStatus;
  /** "proposal", "assessment" */
  noun: string;
  /** Where signing in again should come back to. */
  returnTo: string;
  onKeepMine: () => void;
  onLoadTheirs: () => void;
  onRetry: () => void;
  /** The question a field path belongs to, to name an answer that was not saved. */
  fieldLabel?: (path: string) => string;
  children?: ReactNode;
}) {
  const problem =
    status.kind === "expired" || status.kind === "conflict" || status.kind === "offline" || status.kind === "refused" || status.kind === "partial";
  return (
    <div className={`save-status${problem ? " save-status--error" : ""}`}>
      <div id="save-status" role="status" aria-live="polite">
        {status.kind === "idle" ? <p>Your {noun} saves automatically as you type.</p> : null}
        {status.kind === "dirty" ? <p>Unsaved changes…</p> : null}
        {status.kind === "saving" ? <p>Saving…</p> : null}
        {status.kind === "saved" ? <p>Saved at {timeLabel(status.at)}</p> : null}
        {status.kind === "offline" ? (
          <p>Could not reach Tandem. Your {noun} is kept on this device and will be saved when the connection is back.</p>
        ) : null}
        {status.kind === "expired" ? (
          <>
            <p>
              <strong>Your session has expired.</strong> Your latest changes are kept on this device. Sign in again and they
              will be saved.
            </p>
            <p>
              <a href={`${paths.signIn}?callbackUrl=${encodeURIComponent(returnTo)}`}>Sign in again</a>
              {" · "}
              <button type="button" className="link-button" onClick={onRetry}>
                Try saving again
              </button>
            </p>
          </>
        ) : null}
        {status.kind === "conflict" ? (
          <>
            <p>
              <strong>This {noun} was changed in another tab or window.</strong> Your latest changes have not been saved yet.
            </p>
            <button type="button" className="button" onClick={onKeepMine}>
              Keep my changes
            </button>
            <button type="button" className="button button--secondary" onClick={onLoadTheirs}>
              Load the other version
            </button>
          </>
        ) : null}
        {status.kind === "refused" ? <p>{status.message}</p> : null}
        {status.kind === "partial" ? (
          <>
            <p>
              Saved at {timeLabel(status.at)}, <strong>except {Object.keys(status.notSaved).length === 1 ? "this answer" : "these answers"}</strong>{" "}
              (kept on this device until you correct {Object.keys(status.notSaved).length === 1 ? "it" : "them"}):
            </p>
            <ul>
              {Object.entries(status.notSaved).map(([path, reason]) => (
                <li key={path}>
                  {fieldLabel(path)}: {reason}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
      {children}
    </div>
  );
}
