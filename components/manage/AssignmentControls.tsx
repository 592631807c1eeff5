"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import type { ActionResult } from "@/lib/action-result";
import { useServerAction } from "../form/use-server-action";
import styles from "./manage.module.css";

export interface Candidate {
  id: number;
  name: string;
  organisation: string;
  load: number;
  hasExpertise: boolean;
}

/** Choose an assessor (eligible ones only; the server checks conflicts again) and assign them. */
export function AssignForm({
  proposalId,
  proposalTitle,
  candidates,
  assign,
}: {
  proposalId: number;
  proposalTitle: string;
  candidates: Candidate[];
  assign: (input: { proposalId: number; assessorId: number }) => Promise<ActionResult<unknown>>;
}) {
  const id = useId();
  const [assessorId, setAssessorId] = useState("");
  const [missing, setMissing] = useState(false);
  const { run, pending, failure } = useServerAction(assign, { onSuccess: () => setAssessorId("") });
  const error = missing ? "Select an assessor to assign" : failure ? (failure.fieldErrors?.assessorId ?? failure.message) : null;
  if (candidates.length === 0) return <p className="muted">No other eligible assessors.</p>;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(assessorId === "");
    if (assessorId !== "") void run({ proposalId, assessorId: Number(assessorId) });
  };

  return (
    <form onSubmit={submit} noValidate className={error ? "form-group--error" : undefined}>
      <label htmlFor={`${id}-select`} className="visually-hidden">
        Assessor to assign to {proposalTitle}
      </label>
      {error ? (
        <p className="error-message" id={`${id}-error`} role="alert">
          <span className="visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <div className={styles.inlineForm}>
        <select
          id={`${id}-select`}
          value={assessorId}
          onChange={(e) => setAssessorId(e.target.value)}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
        >
          <option value="">Choose an assessor</option>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.organisation}){c.hasExpertise ? " – domain expert" : ""} – {c.load} assigned
            </option>
          ))}
        </select>
        <button type="submit" className="button button--secondary" disabled={pending}>
          {pending ? "Assigning…" : "Assign"}
          <span className="visually-hidden"> to {proposalTitle}</span>
        </button>
      </div>
    </form>
  );
}

/**
 * Unassigns an assessor. One who has started scoring needs a confirmation: their assessment is
 * kept on record but no longer counts. The server refuses without it, whatever the page shows.
 */
export function UnassignButton({
  proposalId,
  assessorId,
  assessorName,
  proposalTitle,
  started,
  unassign,
}: {
  proposalId: number;
  assessorId: number;
  assessorName: string;
  proposalTitle: string;
  started: boolean;
  unassign: (input: { proposalId: number; assessorId: number; confirmed: boolean }) => Promise<ActionResult<unknown>>;
}) {
  const [asking, setAsking] = useState<string | null>(null);
  const { run: call, pending, failure } = useServerAction(unassign, {
    onSuccess: () => setAsking(null),
    // "Conflict": they have started scoring, so the server asks for a confirmation first.
    onFailure: (f) => (f.code === "conflict" ? setAsking(f.message) : undefined),
  });
  const error = failure && failure.code !== "conflict" ? failure.message : null;
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);

  const run = (confirmed: boolean) => void call({ proposalId, assessorId, confirmed });

  if (asking) {
    return (
      <div className={styles.confirm} role="group" aria-label={`Confirm unassigning ${assessorName}`}>
        <p>{asking}</p>
        <button ref={confirmRef} type="button" className="button button--warning" onClick={() => run(true)} disabled={pending}>
          Yes, unassign {assessorName}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setAsking(null)} disabled={pending}>
          Cancel
        </button>
      </div>
    );
  }
  return (
    <>
      {error ? (
        <span className="error-message" role="alert">
          {error}
        </span>
      ) : null}
      <button
        type="button"
        className="link-button"
        disabled={pending}
        onClick={() =>
          started
            ? setAsking(`${assessorName} has started scoring this proposal. Their assessment stays on record but will no longer count.`)
            : run(false)
        }
      >
        Unassign<span className="visually-hidden"> {assessorName} from {proposalTitle}</span>
      </button>
    </>
  );
}

export interface AutoAssignReportView {
  added: { proposalId: number; title: string; assessorName: string }[];
  short: { proposalId: number; title: string; have: number; required: number; reason: string }[];
}

/** Runs automatic assignment and says what it did, including which proposals are still short. */
export function AutoAssignButton({
  callId,
  autoAssign,
}: {
  callId: number;
  autoAssign: (input: { callId: number }) => Promise<ActionResult<AutoAssignReportView>>;
}) {
  const [report, setReport] = useState<AutoAssignReportView | null>(null);
  const { run: call, pending, failure } = useServerAction(autoAssign, { onSuccess: setReport, onFailure: () => setReport(null) });
  const error = failure?.message ?? null;
  const reportRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (report || error) reportRef.current?.focus();
  }, [report, error]);

  const run = () => void call({ callId });

  return (
    <>
      <button type="button" className="button" onClick={run} disabled={pending}>
        {pending ? "Assigning…" : "Assign automatically"}
      </button>
      <div ref={reportRef} tabIndex={-1} aria-live="polite">
        {error ? (
          <div className="notification notification--warning" role="alert">
            <p>{error}</p>
          </div>
        ) : null}
        {report ? (
          <div className={`notification ${report.short.length > 0 ? "notification--warning" : "notification--success"}`}>
            <h2>
              {report.added.length === 0
                ? "No assessors were added"
                : `${report.added.length} ${report.added.length === 1 ? "assignment" : "assignments"} added`}
            </h2>
            {report.added.length === 0 && report.short.length === 0 ? <p>Every proposal already has the assessors it needs.</p> : null}
            {report.short.length > 0 ? (
              <>
                <p>
                  {report.short.length === 1 ? "1 proposal is" : `${report.short.length} proposals are`} still short of
                  assessors:
                </p>
                <ul>
                  {report.short.map((s) => (
                    <li key={s.proposalId}>
                      <strong>{s.title}</strong>: {s.have} of {s.required} assessors. {s.reason}.
                    </li>
                  ))}
                </ul>
                <p>Add assessors to the pool, or assign someone by hand.</p>
              </>
            ) : null}
          </div>
        ) : null}
      </div>
    </>
  );
}
