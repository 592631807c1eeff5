"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import type { ActionFailure, ActionResult } from "@/lib/action-result";
import { clearLocalDraft, readLocalDraft, writeLocalDraft, type LocalDraft } from "./local-draft";

export type SaveStatus =
  | { kind: "idle" }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  | { kind: "offline" }
  | { kind: "expired" }
  | { kind: "conflict" }
  | { kind: "refused"; message: string }
  /** Saved, except the answers named (field path → reason); they are kept on this device. */
  | { kind: "partial"; at: string; notSaved: Record<string, string> };

/**
 * Identifies one save, so the server can tell a retry or a carried-on save from a concurrent edit:
 * pass both fields on to the save action (see lib/server/autosave.ts).
 */
export interface SaveIdentity {
  saveId: string;
  /** Earlier saves from this page whose response never arrived. */
  unconfirmed: string[];
}

export type SaveDraft<T> = (
  values: T,
  baseVersion: number,
  overwrite: boolean,
  identity: SaveIdentity,
) => Promise<ActionResult<{ version: number; savedAt: string; notSaved?: Record<string, string> }>>;

const MAX_UNCONFIRMED = 50;

function newSaveId(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/** Every autosave on the page, so signing out can first send what is not yet on the server. */
const activeFlushes = new Set<() => Promise<boolean>>();

/**
 * Saves every autosaving form on the page now. Resolves true when the server holds everything
 * (so local copies can go), false when something could not be saved (offline, conflict, expired).
 */
export async function flushAutosaves(): Promise<boolean> {
  const results = await Promise.all([...activeFlushes].map((flush) => flush()));
  return results.every(Boolean);
}

const AUTOSAVE_DELAY_MS = 800;
const RETRY_DELAY_MS = 10_000;

/**
 * Autosave for a versioned draft (a proposal, an assessment): every change is copied to this
 * device at once and saved to the server shortly after typing stops (and on blur). Saves never
 * overlap; a save based on an old version stops autosaving until the user chooses which version to
 * keep; an expired session stops it until they sign in again, and the copy here is restored then.
 */
export function useAutosave<T extends FieldValues>({
  form,
  storageKey,
  initialVersion,
  initialValues,
  normalise,
  save: saveAction,
  onInvalid,
}: {
  form: UseFormReturn<T>;
  storageKey: string;
  initialVersion: number;
  initialValues: T;
  /** Makes a stored copy safe to load (it may predate a change to the form). */
  normalise: (raw: unknown) => T;
  save: SaveDraft<T>;
  /** Field errors from the server, to show on the form. */
  onInvalid: (fieldErrors: Record<string, string> | undefined) => void;
}) {
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });
  const [restored, setRestored] = useState(false);
  const [staleDraft, setStaleDraft] = useState<LocalDraft<T> | null>(null);

  const version = useRef(initialVersion);
  const unconfirmed = useRef<string[]>([]);
  const dirty = useRef(false);
  const inFlight = useRef<Promise<void> | null>(null);
  const saveAgain = useRef(false);
  const overwriteAgain = useRef(false);
  // While a session has expired or another tab's changes are pending a choice, stop autosaving.
  const blocked = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const keepLocalCopy = useCallback(() => {
    writeLocalDraft(storageKey, { baseVersion: version.current, values: form.getValues(), unsaved: true, at: new Date().toISOString() });
  }, [form, storageKey]);

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
          setStatus({ kind: "refused", message: `Nothing was saved. ${result.message} Check the problems listed.` });
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
        // "Keep my changes" pressed while a save is still out must not lose its overwrite.
        if (overwrite) overwriteAgain.current = true;
        return inFlight.current;
      }
      if ((!dirty.current || blocked.current) && !overwrite) return;
      const run = (async () => {
        dirty.current = false;
        setStatus({ kind: "saving" });
        let result: Awaited<ReturnType<SaveDraft<T>>> | null = null;
        const saveId = newSaveId();
        try {
          result = await saveAction(form.getValues(), version.current, overwrite, { saveId, unconfirmed: [...unconfirmed.current] });
        } catch {
          result = null; // network failure: the copy on this device still has everything
        }
        if (!result) {
          // The save may have reached the server with only its answer lost: the next save says so,
          // and the server then treats it as this page carrying on rather than a conflict.
          unconfirmed.current = [...unconfirmed.current, saveId].slice(-MAX_UNCONFIRMED);
          dirty.current = true;
          setStatus({ kind: "offline" });
          timer.current = setTimeout(() => void save(), RETRY_DELAY_MS);
        } else if (result.ok) {
          blocked.current = false;
          unconfirmed.current = [];
          version.current = result.data.version;
          const notSaved = result.data.notSaved;
          if (notSaved && Object.keys(notSaved).length > 0) {
            // The server holds everything else; what it refused stays on this device until fixed.
            keepLocalCopy();
            onInvalid(notSaved);
            setStatus({ kind: "partial", at: result.data.savedAt, notSaved });
          } else {
            if (dirty.current) keepLocalCopy();
            else clearLocalDraft(storageKey);
            setStatus(dirty.current ? { kind: "dirty" } : { kind: "saved", at: result.data.savedAt });
          }
        } else {
          handleRefusal(result);
        }
      })();
      inFlight.current = run;
      await run;
      inFlight.current = null;
      if (saveAgain.current) {
        saveAgain.current = false;
        const again = overwriteAgain.current;
        overwriteAgain.current = false;
        if (again) blocked.current = false;
        await save(again);
      }
    },
    [keepLocalCopy, form, handleRefusal, saveAction, storageKey, onInvalid],
  );

  // Lets sign-out send what is unsaved first; true when the server then holds everything.
  useEffect(() => {
    const flush = async () => {
      if (dirty.current && !blocked.current) await save();
      else if (inFlight.current) await inFlight.current;
      return !dirty.current && unconfirmed.current.length === 0 && readLocalDraft(storageKey) === null;
    };
    activeFlushes.add(flush);
    return () => {
      activeFlushes.delete(flush);
    };
  }, [save, storageKey]);

  // Every change: keep a copy on this device, then save to the server shortly after typing stops.
  useEffect(() => {
    const subscription = form.watch(() => {
      dirty.current = true;
      keepLocalCopy();
      if (!blocked.current) {
        setStatus((s) => (s.kind === "saving" ? s : { kind: "dirty" }));
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
      }
    });
    return () => subscription.unsubscribe();
  }, [keepLocalCopy, form, save]);

  // On arrival: bring back anything typed here that never reached the server.
  useEffect(() => {
    const draft = readLocalDraft<T>(storageKey);
    if (!draft || !draft.unsaved) return;
    const local = normalise(draft.values);
    if (JSON.stringify(local) === JSON.stringify(initialValues)) {
      clearLocalDraft(storageKey);
      return;
    }
    if (draft.baseVersion === initialVersion) {
      form.reset(local);
      dirty.current = true;
      setRestored(true);
      void save();
    } else {
      blocked.current = true;
      setStaleDraft(draft);
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
    restored,
    staleDraft,
    version,
    saveNow: () => void save(),
    keepMine,
    loadTheirs: () => {
      clearLocalDraft(storageKey);
      dirty.current = false;
      window.location.reload();
    },
    restoreStaleDraft: () => {
      if (!staleDraft) return;
      form.reset(normalise(staleDraft.values));
      setStaleDraft(null);
      keepMine();
    },
    discardStaleDraft: () => {
      clearLocalDraft(storageKey);
      setStaleDraft(null);
      blocked.current = false;
    },
    /**
     * Submits once any save in progress has finished, based on the latest saved version. Returns
     * true when it went through (nothing is left to save); otherwise the status says why.
     */
    submit: async (action: (baseVersion: number) => Promise<ActionResult<unknown>>): Promise<boolean> => {
      if (timer.current) clearTimeout(timer.current);
      // Wait for the save in progress and for any save queued behind it (one asked for while another
      // was out starts as soon as that one ends, before this continues): submitting on the version
      // before it would refuse the bidder's own save as a conflict.
      while (inFlight.current) await inFlight.current;
      // After a lost save response this page is a version behind: one save catches it up.
      if (unconfirmed.current.length > 0 && !blocked.current) {
        dirty.current = true;
        await save();
        if (unconfirmed.current.length > 0) return false;
      }
      let result: ActionResult<unknown> | null = null;
      try {
        result = await action(version.current);
      } catch {
        result = null; // network failure: the copy on this device still has everything
      }
      if (!result) {
        setStatus({ kind: "offline" });
        return false;
      }
      if (!result.ok) {
        handleRefusal(result);
        return false;
      }
      dirty.current = false;
      blocked.current = true;
      clearLocalDraft(storageKey);
      return true;
    },
  };
}

export type Autosave = ReturnType<typeof useAutosave>;
