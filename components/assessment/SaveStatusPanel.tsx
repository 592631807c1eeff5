"use client";

import type { ReactNode } from "react";
import { paths } from "@/lib/paths";
import type { SaveStatus } from "./use-assessment-autosave";

const timeLabel = (iso: string) => new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

/**
 * Where the assessment's autosave stands, with the choices an expired session or a second tab
 * need. The progress line sits outside the live region, so scoring is not announced twice.
 */
export function SaveStatusPanel({
  status,
  assignmentId,
  progress,
  onKeepMine,
  onLoadTheirs,
  onRetry,
}: {
  status: SaveStatus;
  assignmentId: number;
  /** e.g. "3 of 7 criteria scored and justified" */
  progress: ReactNode;
  onKeepMine: () => void;
  onLoadTheirs: () => void;
  onRetry: () => void;
}) {
  const problem = status.kind === "expired" || status.kind === "conflict" || status.kind === "offline" || status.kind === "refused";
  return (
    <div className={`save-status${problem ? " save-status--error" : ""}`}>
      <div id="save-status" role="status" aria-live="polite">
        {status.kind === "idle" ? <p>Your assessment saves automatically as you go.</p> : null}
        {status.kind === "dirty" ? <p>Unsaved changes…</p> : null}
        {status.kind === "saving" ? <p>Saving…</p> : null}
        {status.kind === "saved" ? <p>Saved at {timeLabel(status.at)}</p> : null}
        {status.kind === "offline" ? (
          <p>Could not reach Tandem. Your assessment is kept on this device and will be saved when the connection is back.</p>
        ) : null}
        {status.kind === "expired" ? (
          <>
            <p>
              <strong>Your session has expired.</strong> Your latest changes are kept on this device. Sign in again and they
              will be saved.
            </p>
            <p>
              <a href={`${paths.signIn}?callbackUrl=${encodeURIComponent(paths.assessment(assignmentId))}`}>Sign in again</a>
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
              <strong>This assessment was changed in another tab or window.</strong> Your latest changes have not been saved
              yet.
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
      </div>
      <p className="hint" id="assessment-progress">
        {progress}
      </p>
    </div>
  );
}
