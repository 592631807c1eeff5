"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { ActionFailure, ActionResult } from "@/lib/action-result";
import type { RubricCriterion } from "@/lib/domain/rubric";
import type { AssessmentFormValues } from "@/lib/validation/assessment";
import { normaliseAssessmentValues } from "@/lib/validation/assessment-actions";
import {
  clearAssessmentBackup,
  readAssessmentBackup,
  writeAssessmentBackup,
  type AssessmentBackup,
} from "./assessment-backup";
import { hasSession } from "./session-check";

export type SaveAssessmentInput = {
  assignmentId: number;
  baseVersion: number;
  values: AssessmentFormValues;
  overwrite?: boolean;
};
export type SaveAssessment = (input: SaveAssessmentInput) => Promise<ActionResult<{ version: number; savedAt: string }>>;

export type SaveStatus =
  | { kind: "idle" }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  | { kind: "offline" }
  | { kind: "expired" }
  | { kind: "conflict" }
  | { kind: "refused"; message: string };

/** What a failed call means when the session turns out to have gone (see session-check.ts). */
export const SESSION_EXPIRED: ActionFailure = {
  ok: false,
  code: "unauthenticated",
  message: "Your session has expired. Sign in again to continue.",
};

const AUTOSAVE_DELAY_MS = 800;
const RETRY_DELAY_MS = 10_000;

/**
 * Autosave for the assessment form, the bidder form's approach: every change is copied to this
 * device at once and saved to the server shortly after typing stops (and on blur). Saves never
 * overlap; a save based on an old version stops autosaving until the assessor chooses which
 * version to keep; an expired session stops it until they sign in again.
 */
export function useAssessmentAutosave({
  form,
  assignmentId,
  initialVersion,
  initialValues,
  criteria,
  save: saveAction,
  onInvalid,
}: {
  form: UseFormReturn<AssessmentFormValues>;
  assignmentId: number;
  initialVersion: number;
  initialValues: AssessmentFormValues;
  criteria: readonly RubricCriterion[];
  save: SaveAssessment;
  /** Field errors from the server, to show on the form. */
  onInvalid: (fieldErrors: Record<string, string> | undefined) => void;
}) {
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });
  const [restored, setRestored] = useState(false);
  const [staleBackup, setStaleBackup] = useState<AssessmentBackup | null>(null);

  const version = useRef(initialVersion);
  const dirty = useRef(false);
  const inFlight = useRef<Promise<void> | null>(null);
  const saveAgain = useRef(false);
  // While a session has expired or another tab's changes are pending a choice, stop autosaving.
  const blocked = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const backupNow = useCallback(() => {
    writeAssessmentBackup(assignmentId, {
      baseVersion: version.current,
      values: form.getValues(),
      unsaved: true,
      at: new Date().toISOString(),
    });
  }, [assignmentId, form]);

  const handleRefusal = useCallback(
    (result: ActionFailure) => {
      dirty.current = true;
      switch (result.code) {
        case "unauthenticated":
          blocked.current = true;
          setStatus({ kind: "expired" });
          break;
        case "conflict":
          blocked.current = true;
          setStatus({ kind: "conflict" });
          break;
        case "invalid":
          onInvalid(result.fieldErrors);
          setStatus({ kind: "refused", message: "Some answers could not be saved. Check the problems listed." });
          break;
        case "closed":
        case "locked":
        case "not_found":
        case "forbidden":
          blocked.current = true;
          setStatus({ kind: "refused", message: result.message });
          break;
        default:
          setStatus({ kind: "refused", message: result.message });
      }
    },
    [onInvalid],
  );

  const save = useCallback(
    async (overwrite = false): Promise<void> => {
      if (timer.current) clearTimeout(timer.current);
      if (inFlight.current) {
        saveAgain.current = true;
        return inFlight.current;
      }
      if ((!dirty.current || blocked.current) && !overwrite) return;
      const run = (async () => {
        dirty.current = false;
        setStatus({ kind: "saving" });
        let result: Awaited<ReturnType<SaveAssessment>> | null = null;
        try {
          result = await saveAction({ assignmentId, baseVersion: version.current, values: form.getValues(), overwrite });
        } catch {
          result = null; // network failure: the backup on this device still has everything
        }
        if (!result) {
          if (await hasSession()) {
            dirty.current = true;
            setStatus({ kind: "offline" });
            timer.current = setTimeout(() => void save(), RETRY_DELAY_MS);
          } else {
            handleRefusal(SESSION_EXPIRED);
          }
        } else if (result.ok) {
          blocked.current = false;
          version.current = result.data.version;
          if (dirty.current) backupNow();
          else clearAssessmentBackup(assignmentId);
          setStatus(dirty.current ? { kind: "dirty" } : { kind: "saved", at: result.data.savedAt });
        } else {
          handleRefusal(result);
        }
      })();
      inFlight.current = run;
      await run;
      inFlight.current = null;
      if (saveAgain.current) {
        saveAgain.current = false;
        await save();
      }
    },
    [assignmentId, backupNow, form, handleRefusal, saveAction],
  );

  // Every change: keep a copy on this device, then save to the server shortly after typing stops.
  useEffect(() => {
    const subscription = form.watch(() => {
      dirty.current = true;
      backupNow();
      if (!blocked.current) {
        setStatus((s) => (s.kind === "saving" ? s : { kind: "dirty" }));
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
      }
    });
    return () => subscription.unsubscribe();
  }, [backupNow, form, save]);

  // On arrival: bring back anything typed here that never reached the server.
  useEffect(() => {
    const backup = readAssessmentBackup(assignmentId);
    if (!backup || !backup.unsaved) return;
    const local = normaliseAssessmentValues(backup.values, criteria);
    if (JSON.stringify(local) === JSON.stringify(initialValues)) {
      clearAssessmentBackup(assignmentId);
      return;
    }
    if (backup.baseVersion === initialVersion) {
      form.reset(local);
      dirty.current = true;
      setRestored(true);
      void save();
    } else {
      blocked.current = true;
      setStaleBackup(backup);
    }
    // Runs once per page load, against the values the server sent.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Warn before leaving with changes that have not reached the server.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (dirty.current) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  const keepMine = useCallback(() => {
    blocked.current = false;
    dirty.current = true;
    void save(true);
  }, [save]);

  return {
    status,
    setStatus,
    restored,
    staleBackup,
    version,
    saveNow: () => void save(),
    keepMine,
    loadTheirs: () => {
      clearAssessmentBackup(assignmentId);
      dirty.current = false;
      window.location.reload();
    },
    restoreStaleBackup: () => {
      if (!staleBackup) return;
      form.reset(normaliseAssessmentValues(staleBackup.values, criteria));
      setStaleBackup(null);
      keepMine();
    },
    discardStaleBackup: () => {
      clearAssessmentBackup(assignmentId);
      setStaleBackup(null);
      blocked.current = false;
    },
    /** Before submitting: stop the timer and let a save in progress finish. */
    settle: async () => {
      if (timer.current) clearTimeout(timer.current);
      if (inFlight.current) await inFlight.current;
    },
    /** After a successful submission: nothing is left to save. */
    markDone: () => {
      dirty.current = false;
      blocked.current = true;
      clearAssessmentBackup(assignmentId);
    },
    handleRefusal,
  };
}
