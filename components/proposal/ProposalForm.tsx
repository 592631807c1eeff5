"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { FormProvider, useForm, useWatch, type Resolver } from "react-hook-form";
import { ErrorSummary, type SummaryItem } from "@/components/form/ErrorSummary";
import { applyServerErrors, summariseErrors } from "@/components/form/errors";
import type { ActionResult } from "@/lib/action-result";
import { normaliseAnswers, proposalFacts } from "@/lib/domain/proposal/normalise";
import { PROPOSAL_SECTIONS, questionLabelForPath, questionsFor, type JointProposalContext, type ProposalAnswers } from "@/lib/domain/proposal/questions";
import { strategicFit } from "@/lib/domain/report/strategic-fit";
import { proposalSubmitSchemaFor } from "@/lib/validation/proposal";
import { DraftNotices } from "@/components/form/autosave/DraftNotices";
import { SaveStatusPanel } from "@/components/form/autosave/SaveStatusPanel";
import { useAutosave, type SaveIdentity } from "@/components/form/autosave/use-autosave";
import { paths } from "@/lib/paths";
import { QuestionInput } from "./QuestionInput";
import { StrategicFitNotice } from "./StrategicFitNotice";
import { LiveTaskList } from "./TaskList";

type SaveInput = { proposalId: number; baseVersion: number; answers: ProposalAnswers; overwrite?: boolean } & Partial<SaveIdentity>;

export interface ProposalFormProps {
  proposalId: number;
  version: number;
  answers: ProposalAnswers;
  closesAtLabel: string;
  /** Set on a joint call: the partner agency the bidder also asks for a grant. */
  joint?: JointProposalContext | null;
  save: (input: SaveInput) => Promise<ActionResult<{ version: number; savedAt: string; notSaved?: Record<string, string> }>>;
  submit: (input: Omit<SaveInput, "overwrite" | keyof SaveIdentity>) => Promise<ActionResult<{ version: number }>>;
}

export function ProposalForm(props: ProposalFormProps) {
  const { proposalId, save: saveAction, submit: submitAction } = props;
  const joint = props.joint ?? null;
  // The schema is built from the question data at run time, so its static type is a plain record;
  // it validates exactly the ProposalAnswers shape.
  const resolver = useMemo(() => zodResolver(proposalSubmitSchemaFor(joint)) as unknown as Resolver<ProposalAnswers>, [joint]);
  const router = useRouter();
  const form = useForm<ProposalAnswers>({
    resolver,
    defaultValues: props.answers,
    mode: "onSubmit",
    // The error summary takes focus instead, as in the GOV.UK pattern.
    shouldFocusError: false,
  });
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const [submitting, setSubmitting] = useState(false);

  const onInvalid = useCallback(
    (fieldErrors: Record<string, string> | undefined) => setSummary(applyServerErrors(form.setError, fieldErrors)),
    [form.setError],
  );
  const save = useCallback(
    (answers: ProposalAnswers, baseVersion: number, overwrite: boolean, identity: SaveIdentity) =>
      saveAction({ proposalId, baseVersion, answers, overwrite, ...identity }),
    [proposalId, saveAction],
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

  const onValid = async (answers: ProposalAnswers) => {
    setSubmitting(true);
    const submitted = await autosave.submit((baseVersion) => submitAction({ proposalId, baseVersion, answers }));
    setSubmitting(false);
    if (submitted) router.push(`${paths.proposal(proposalId)}?submitted=1`);
  };

  return (
    <FormProvider {...form}>
      <div className="layout-two-thirds">
        <div>
          <DraftNotices
            noun="proposal"
            restored={autosave.restored}
            staleDraft={autosave.staleDraft}
            onRestore={autosave.restoreStaleDraft}
            onDiscard={autosave.discardStaleDraft}
          />
          <ErrorSummary items={summary} />
          <form
            noValidate
            onSubmit={form.handleSubmit(onValid, (errors) => setSummary(summariseErrors(errors)))}
            onBlur={autosave.saveNow}
            aria-describedby="save-status"
          >
            {PROPOSAL_SECTIONS.map((section) => (
              <section key={section.key} id={`section-${section.key}`} className="section" aria-labelledby={`section-${section.key}-title`}>
                <span className="caption">
                  Section {section.number} of {PROPOSAL_SECTIONS.length} · from the report: {section.source}
                </span>
                <h2 id={`section-${section.key}-title`}>{section.title}</h2>
                <p className="hint">{section.intro}</p>
                {questionsFor(section, joint)
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
            <Link href="/proposals" className="button button--secondary" onClick={autosave.saveNow}>
              Save and come back later
            </Link>
          </form>
        </div>
        <aside className="sticky" aria-label="Progress">
          <SaveStatusPanel
            status={autosave.status}
            noun="proposal"
            returnTo={paths.editProposal(proposalId)}
            onKeepMine={autosave.keepMine}
            onLoadTheirs={autosave.loadTheirs}
            onRetry={autosave.keepMine}
            fieldLabel={questionLabelForPath}
          />
          <LiveTaskList control={form.control} joint={joint} />
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
