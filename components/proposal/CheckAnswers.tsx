import Link from "next/link";
import { fieldId } from "@/components/form/field-id";
import { questionProblems } from "@/lib/domain/proposal/completeness";
import { isAsked, questionsFor, type JointProposalContext, type Section, type SectionAnswers } from "@/lib/domain/proposal/questions";
import { TaskStatusText } from "@/components/tasks/TaskListView";
import { paths } from "@/lib/paths";
import type { ProposalForOwner } from "@/lib/server/proposals";
import { Answer } from "./ProposalView";

/** "Check your answers" for one section of a draft, with its status and a Change link for each answer. */
export function SectionCheckView({ proposal, section }: { proposal: ProposalForOwner; section: Section }) {
  const task = proposal.tasks.groups.flatMap((g) => g.tasks).find((t) => t.key === section.key)!;
  return (
    <div className="layout-two-thirds">
      <div>
        <Link href={paths.editProposal(proposal.id)} className="back-link">
          Back to your proposal
        </Link>
        <span className="caption">{section.title}</span>
        <h1>Check your answers</h1>
        <p>
          This section is: <TaskStatusText status={task.status} />
        </p>
        <SectionAnswersList
          section={section}
          answers={proposal.answers[section.key] ?? {}}
          changeHref={() => paths.proposalSection(proposal.id, section.key, "check")}
          joint={proposal.joint}
        />
        <Link href={paths.editProposal(proposal.id)} className="button">
          Return to your proposal
        </Link>
      </div>
    </div>
  );
}

/**
 * A section's answers as a GOV.UK summary list for "Check your answers": each row has a Change
 * link whose hidden text names the answer, and leads back to the question (the question page then
 * returns here). A required answer still missing shows what to do instead ("Enter project title").
 */
export function SectionAnswersList({
  section,
  answers,
  changeHref,
  joint = null,
}: {
  section: Section;
  answers: SectionAnswers;
  /** Set on a joint call, so the partner grant is listed (in the partner agency's currency). */
  joint?: JointProposalContext | null;
  /** The question's page; the row's field id is added as the fragment. */
  changeHref: (questionKey: string) => string;
}) {
  const questions = questionsFor(section, joint).filter((q) => !(q.kind === "longText" && q.askedWhen) && isAsked(q, answers, joint));
  return (
    <dl className="summary-list summary-list--actions">
      {questions.map((q) => {
        const href = `${changeHref(q.key)}#${fieldId(`${section.key}.${q.key}`)}`;
        const missing = questionProblems(q, answers).find((p) => p.field === q.key && /^(Enter|Select|Add|Give) /.test(p.message));
        return (
          <div key={q.key}>
            <dt>{q.label}</dt>
            <dd className={missing ? "summary-list__missing" : undefined}>
              {missing ? <Link href={href}>{missing.message}</Link> : <Answer question={q} answers={answers} empty="Not provided" />}
            </dd>
            <dd className="summary-list__actions">
              <Link href={href}>
                Change<span className="visually-hidden"> {q.label.charAt(0).toLowerCase() + q.label.slice(1)}</span>
              </Link>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
