"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { FormProvider, useForm, useWatch, type Resolver } from "react-hook-form";
import { ErrorSummary, type SummaryItem } from "@/components/form/ErrorSummary";
import { applyServerErrors, summariseErrors } from "@/components/form/errors";
import type { ActionResult } from "@/lib/action-result";
import { normaliseAnswers, proposalFacts } from "@/lib/domain/proposal/normalise";
import { PROPOSAL_SECTIONS, type ProposalAnswers } from "@/lib/domain/proposal/questions";
import { strategicFit } from "@/lib/domain/report/strategic-fit";
import { proposalSubmitSchema } from "@/lib/validation/proposal";
import { clearBackup, readBackup, writeBackup, type DraftBackup } from "./draft-backup";
import { QuestionInput } from "./QuestionInput";
import { StrategicFitNotice } from "./StrategicFitNotice";
import { LiveTaskList } from "./TaskList";

type SaveInput = { proposalId: number; baseVersion: number; answers: ProposalAnswers; overwrite?: boolean };

export interface ProposalFormProps {
  proposalId: number;
  version: number;
  answers: ProposalAnswers;
  closesAtLabel: string;
  save: (input: SaveInput) => Promise<ActionResult<{ version: number; savedAt: string }>>;
  submit: (input: Omit<SaveInput, "overwrite">) => Promise<ActionResult<{ version: number }>>;
}

type SaveStatus =
  | { kind: "idle" }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  | { kind: "offline" }
  | { kind: "expired" }
  | { kind: "conflict" }
  | { kind: "refused"; message: string };

const AUTOSAVE_DELAY_MS = 800;
const RETRY_DELAY_MS = 10_000;

// The schema is built from the question data at run time, so its static type is a plain record;
// it validates exactly the ProposalAnswers shape.
const resolver = zodResolver(proposalSubmitSchema) as unknown as Resolver<ProposalAnswers>;

const timeLabel = (iso: string) => new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

export function ProposalForm(props: ProposalFormProps) {
  const { proposalId, save: saveAction, submit: submitAction } = props;
  const router = useRouter();
  const form = useForm<ProposalAnswers>({
    resolver,
    defaultValues: props.answers,
    mode: "onSubmit",
    // The error summary takes focus instead, as in the GOV.UK pattern.
    shouldFocusError: false,
  });
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const [restored, setRestored] = useState(false);
  const [staleBackup, setStaleBackup] = useState<DraftBackup | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const version = useRef(props.version);
  const dirty = useRef(false);
  const inFlight = useRef<Promise<void> | null>(null);
  const saveAgain = useRef(false);
  // While a session has expired or another tab's changes are pending a choice, stop autosaving.
  const blocked = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const backupNow = useCallback(() => {
    writeBackup(proposalId, { baseVersion: version.current, answers: form.getValues(), unsaved: true, at: new Date().toISOString() });
  }, [form, proposalId]);

  const handleRefusal = useCallback(
    (result: Extract<ActionResult<unknown>, { ok: false }>) => {
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
          setSummary(applyServerErrors(form.setError, result.fieldErrors));
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
    [form],
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
        let result: ActionResult<{ version: number; savedAt: string }> | null = null;
        try {
          result = await saveAction({ proposalId, baseVersion: version.current, answers: form.getValues(), overwrite });
        } catch {
          result = null; // network failure: the backup on this device still has everything
        }
        if (!result) {
          dirty.current = true;
          setStatus({ kind: "offline" });
          timer.current = setTimeout(() => void save(), RETRY_DELAY_MS);
        } else if (result.ok) {
          blocked.current = false;
          version.current = result.data.version;
          if (dirty.current) backupNow();
          else clearBackup(proposalId);
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
    [backupNow, form, handleRefusal, proposalId, saveAction],
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
    const backup = readBackup(proposalId);
    if (!backup || !backup.unsaved) return;
    const local = normaliseAnswers(backup.answers);
    if (JSON.stringify(local) === JSON.stringify(props.answers)) {
      clearBackup(proposalId);
      return;
    }
    if (backup.baseVersion === props.version) {
      form.reset(local);
      dirty.current = true;
      setRestored(true);
      void save();
    } else {
      blocked.current = true;
      setStaleBackup(backup);
    }
    // Runs once per page load, against the answers the server sent.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (dirty.current) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  const keepMine = () => {
    blocked.current = false;
    dirty.current = true;
    void save(true);
  };
  const loadTheirs = () => {
    clearBackup(proposalId);
    dirty.current = false;
    window.location.reload();
  };
  const useStaleBackup = () => {
    if (!staleBackup) return;
    form.reset(normaliseAnswers(staleBackup.answers));
    setStaleBackup(null);
    keepMine();
  };
  const discardStaleBackup = () => {
    clearBackup(proposalId);
    setStaleBackup(null);
    blocked.current = false;
  };

  const onValid = async (answers: ProposalAnswers) => {
    setSubmitting(true);
    if (timer.current) clearTimeout(timer.current);
    if (inFlight.current) await inFlight.current;
    let result: ActionResult<{ version: number }> | null = null;
    try {
      result = await submitAction({ proposalId, baseVersion: version.current, answers });
    } catch {
      result = null;
    }
    setSubmitting(false);
    if (!result) {
      setStatus({ kind: "offline" });
      return;
    }
    if (result.ok) {
      dirty.current = false;
      clearBackup(proposalId);
      router.push(`/proposals/${proposalId}?submitted=1`);
      return;
    }
    handleRefusal(result);
  };

  return (
    <FormProvider {...form}>
      <div className="layout-two-thirds">
        <div>
          {restored ? (
            <div className="notification notification--success" role="status">
              <p>We brought back answers you typed on this device that had not been saved yet.</p>
            </div>
          ) : null}
          {staleBackup ? (
            <div className="notification notification--warning" role="alert">
              <h2>You have unsaved answers on this device</h2>
              <p>
                They were typed on {new Date(staleBackup.at).toLocaleString("en-GB")}, but this proposal has been changed
                since then somewhere else. Choose which version to keep.
              </p>
              <button type="button" className="button" onClick={useStaleBackup}>
                Use the answers on this device
              </button>
              <button type="button" className="button button--secondary" onClick={discardStaleBackup}>
                Keep the saved version
              </button>
            </div>
          ) : null}
          <ErrorSummary items={summary} />
          <form
            noValidate
            onSubmit={form.handleSubmit(onValid, (errors) => setSummary(summariseErrors(errors)))}
            onBlur={() => void save()}
            aria-describedby="save-status"
          >
            {PROPOSAL_SECTIONS.map((section) => (
              <section key={section.key} id={`section-${section.key}`} className="section" aria-labelledby={`section-${section.key}-title`}>
                <span className="caption">
                  Section {section.number} of {PROPOSAL_SECTIONS.length} · from the report: {section.source}
                </span>
                <h2 id={`section-${section.key}-title`}>{section.title}</h2>
                <p className="hint">{section.intro}</p>
                {section.questions
                  .filter((q) => !(q.kind === "longText" && q.askedWhen))
                  .map((q) => (
                    <QuestionInput key={q.key} sectionKey={section.key} question={q} />
                  ))}
              </section>
            ))}
            <h2>Submit your proposal</h2>
            <p>
              Check your answers: you can reopen a submitted proposal to change it until the call closes on{" "}
              {props.closesAtLabel}.
            </p>
            <button type="submit" className="button" disabled={submitting}>
              {submitting ? "Submitting…" : "Submit proposal"}
            </button>
            <Link href="/proposals" className="button button--secondary" onClick={() => void save()}>
              Save and come back later
            </Link>
          </form>
        </div>
        <aside className="sticky" aria-label="Progress">
          <SaveStatusPanel status={status} proposalId={proposalId} onKeepMine={keepMine} onLoadTheirs={loadTheirs} onRetry={keepMine} />
          <LiveTaskList control={form.control} />
          <LiveStrategicFit />
          <p className="hint">The call closes on {props.closesAtLabel}.</p>
        </aside>
      </div>
    </FormProvider>
  );
}

function LiveStrategicFit() {
  const values = useWatch() as ProposalAnswers;
  const facts = proposalFacts(normaliseAnswers(values));
  return <StrategicFitNotice fit={strategicFit(facts.domainId, facts.partnerCountries)} live />;
}

function SaveStatusPanel({
  status,
  proposalId,
  onKeepMine,
  onLoadTheirs,
  onRetry,
}: {
  status: SaveStatus;
  proposalId: number;
  onKeepMine: () => void;
  onLoadTheirs: () => void;
  onRetry: () => void;
}) {
  const problem = status.kind === "expired" || status.kind === "conflict" || status.kind === "offline" || status.kind === "refused";
  return (
    <div id="save-status" className={`save-status${problem ? " save-status--error" : ""}`} role="status" aria-live="polite">
      {status.kind === "idle" ? <p>Your answers save automatically as you type.</p> : null}
      {status.kind === "dirty" ? <p>Unsaved changes…</p> : null}
      {status.kind === "saving" ? <p>Saving…</p> : null}
      {status.kind === "saved" ? <p>Saved at {timeLabel(status.at)}</p> : null}
      {status.kind === "offline" ? (
        <p>Could not reach Tandem. Your answers are kept on this device and will be saved when the connection is back.</p>
      ) : null}
      {status.kind === "expired" ? (
        <>
          <p>
            <strong>Your session has expired.</strong> Your latest answers are kept on this device. Sign in again and they
            will be saved.
          </p>
          <p>
            <a href={`/signin?callbackUrl=${encodeURIComponent(`/proposals/${proposalId}/edit`)}`}>Sign in again</a>
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
            <strong>This proposal was changed in another tab or window.</strong> Your latest changes have not been saved
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
  );
}
