"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { ErrorSummary, type SummaryItem } from "@/components/form/ErrorSummary";
import { applyServerErrors } from "@/components/form/errors";
import { DraftNotices } from "@/components/form/autosave/DraftNotices";
import { SaveStatusPanel } from "@/components/form/autosave/SaveStatusPanel";
import { postDraft } from "@/components/form/autosave/post-draft";
import { useAutosave, type SaveIdentity } from "@/components/form/autosave/use-autosave";
import { CompletedQuestion } from "@/components/tasks/CompletedQuestion";
import type { ActionResult } from "@/lib/action-result";
import { sectionProblems } from "@/lib/domain/proposal/completeness";
import { normaliseAnswers } from "@/lib/domain/proposal/normalise";
import { findSection, PROPOSAL_SECTIONS, questionLabelForPath, questionsFor, type JointProposalContext, type ProposalAnswers, type SectionAnswers } from "@/lib/domain/proposal/questions";
import type { StrategicFitResult } from "@/lib/domain/report/strategic-fit";
import { paths } from "@/lib/paths";
import { COMPLETED_REQUIRED, NOT_COMPLETE_YET, type CompletedAnswer } from "@/lib/validation/completed-question";
import { QuestionInput } from "./QuestionInput";
import { StrategicFitNotice } from "./StrategicFitNotice";

type SavedDraft = { version: number; savedAt: string; notSaved?: Record<string, string>; fit?: StrategicFitResult };
type CompleteInput = { proposalId: number; baseVersion: number; answers: ProposalAnswers; sectionKey: string; completed: CompletedAnswer };

export interface SectionFormProps {
  proposalId: number;
  sectionKey: string;
  version: number;
  /** Every section's answers: saves send them all, so the other sections are kept as they are. */
  answers: ProposalAnswers;
  /** The bidder's last answer to "Have you completed this section?" (pre-filled, WCAG 3.3.7). */
  completed: "" | CompletedAnswer;
  /** Where "Save and continue" goes: this section's check page, or back to the final one. */
  returnTo: "check" | "final" | null;
  closesAtLabel: string;
  /** Set on a joint call: the partner agency the bidder also asks for a grant. */
  joint?: JointProposalContext | null;
  /** The draft's strategic fit as last saved, worked out on the server (the report's tables never reach the browser). */
  fit: StrategicFitResult;
  complete: (input: CompleteInput) => Promise<ActionResult<{ version: number; savedAt: string }>>;
}

/**
 * One section of the proposal on its own page. It autosaves exactly like the whole form did (a
 * copy on this device, conflicts with other tabs, expired sessions), and ends with "Have you
 * completed this section?". "Yes" is refused, with an error summary naming what is missing,
 * while any question still has a problem.
 */
export function SectionForm(props: SectionFormProps) {
  const { proposalId, sectionKey, complete: completeAction } = props;
  const section = findSection(sectionKey)!;
  const joint = props.joint ?? null;
  const router = useRouter();
  const form = useForm<ProposalAnswers>({ defaultValues: props.answers, mode: "onSubmit", shouldFocusError: false });
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const [completed, setCompleted] = useState<"" | CompletedAnswer>(props.completed);
  const [completedError, setCompletedError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [fit, setFit] = useState(props.fit);

  const onInvalid = useCallback(
    (fieldErrors: Record<string, string> | undefined) => {
      const { completed: radio, ...fields } = fieldErrors ?? {};
      setCompletedError(radio);
      const items = applyServerErrors(form.setError, fields);
      setSummary(radio ? [...items, { field: "completed", message: radio }] : items);
    },
    [form.setError],
  );
  // Autosaves go to the save action's JSON route (app/api/proposals/[id]/draft); each answers
  // with the strategic fit of what it saved, which replaces the one shown.
  const save = useCallback(
    async (answers: ProposalAnswers, baseVersion: number, overwrite: boolean, identity: SaveIdentity) => {
      const result = await postDraft<SavedDraft>(paths.proposalDraftSave(proposalId), { proposalId, baseVersion, answers, overwrite, ...identity });
      if (result.ok && result.data.fit) setFit(result.data.fit);
      return result;
    },
    [proposalId],
  );
  const autosave = useAutosave({
    form,
    storageKey: `tandem:proposal-draft:${proposalId}`,
    initialVersion: props.version,
    initialValues: props.answers,
    normalise: normaliseAnswers,
    save,
    onInvalid,
  });

  // A Change link from a check page names the answer in the fragment: put the cursor there.
  useEffect(() => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    const target = id ? document.getElementById(id) : null;
    if (target) {
      target.scrollIntoView({ block: "center" });
      target.focus();
    }
  }, []);

  const onContinue = async (event: React.FormEvent) => {
    event.preventDefault();
    form.clearErrors();
    setCompletedError(undefined);
    if (completed === "") {
      setCompletedError(COMPLETED_REQUIRED);
      setSummary([{ field: "completed", message: COMPLETED_REQUIRED }]);
      return;
    }
    const answers = form.getValues();
    if (completed === "yes") {
      const problems = sectionProblems(section, answers[section.key] as SectionAnswers | undefined, joint);
      if (problems.length > 0) {
        onInvalid({ ...Object.fromEntries(problems.map((p) => [`${section.key}.${p.field}`, p.message])), completed: NOT_COMPLETE_YET });
        return;
      }
    }
    setSummary([]);
    setBusy(true);
    const done = await autosave.submit((baseVersion) => completeAction({ proposalId, baseVersion, answers, sectionKey, completed }));
    setBusy(false);
    if (done) router.push(props.returnTo === "final" ? paths.checkProposal(proposalId) : paths.proposalSectionCheck(proposalId, sectionKey));
  };

  return (
    <FormProvider {...form}>
      <div className="layout-two-thirds">
        <div>
          <Link href={paths.editProposal(proposalId)} className="back-link" onClick={autosave.saveNow}>
            Back to your proposal
          </Link>
          <DraftNotices
            noun="proposal"
            restored={autosave.restored}
            staleDraft={autosave.staleDraft}
            onRestore={autosave.restoreStaleDraft}
            onDiscard={autosave.discardStaleDraft}
          />
          <ErrorSummary items={summary} />
          <span className="caption">
            Section {section.number} of {PROPOSAL_SECTIONS.length} · from the report: {section.source}
          </span>
          <h1>{section.title}</h1>
          <p className="hint">{section.intro}</p>
          <form noValidate onSubmit={onContinue} onBlur={autosave.saveNow} aria-describedby="save-status">
            {questionsFor(section, joint)
              .filter((q) => !(q.kind === "longText" && q.askedWhen))
              .map((q) => (
                <QuestionInput key={q.key} sectionKey={section.key} question={q} />
              ))}
            <CompletedQuestion
              value={completed}
              error={completedError}
              onChange={(value) => {
                setCompleted(value);
                setCompletedError(undefined);
              }}
            />
            <button type="submit" className="button" disabled={busy}>
              {props.returnTo === "final" ? "Save and return to check your answers" : "Save and continue"}
            </button>
            <Link href={paths.editProposal(proposalId)} className="button button--secondary" onClick={autosave.saveNow}>
              Save and come back later
            </Link>
          </form>
        </div>
        <aside className="sticky" aria-label="Saving">
          <SaveStatusPanel
            status={autosave.status}
            noun="proposal"
            returnTo={paths.proposalSection(proposalId, sectionKey)}
            onKeepMine={autosave.keepMine}
            onLoadTheirs={autosave.loadTheirs}
            onRetry={autosave.keepMine}
            fieldLabel={questionLabelForPath}
          />
          {sectionKey === "project" || sectionKey === "consortium" ? <StrategicFitNotice fit={fit} live /> : null}
          <p className="hint">The call closes on {props.closesAtLabel}.</p>
        </aside>
      </div>
    </FormProvider>
  );
}
