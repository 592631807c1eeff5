import Link from "next/link";
import { AppendicesAnswersList } from "@/components/proposal/AppendixList";
import { SectionAnswersList } from "@/components/proposal/CheckAnswers";
import { SubmitProposal, type SubmitProposalProps } from "@/components/proposal/SubmitProposal";
import { findSection } from "@/lib/domain/proposal/questions";
import { appendixTaskKey, SECTION_ORDER } from "@/lib/domain/proposal/tasks";
import { formatDateTime } from "@/lib/format";
import { paths } from "@/lib/paths";
import type { ProposalForOwner } from "@/lib/server/proposals";

/** The final check-your-answers page: every answer with a Change link, then the submit button. */
export function CheckProposalView({ proposal, submit }: { proposal: ProposalForOwner; submit: SubmitProposalProps["submit"] }) {
  const incomplete = proposal.tasks.groups.flatMap((g) => g.tasks).filter((t) => t.key !== "check" && t.status !== "completed");
  const taskHref: Record<string, string> = Object.fromEntries([
    ...SECTION_ORDER.map((key) => [key, paths.proposalSection(proposal.id, key, "final")]),
    ...proposal.slots.map(({ slot }) => [appendixTaskKey(slot.key), paths.proposalAppendix(proposal.id, slot.key, "final")]),
  ]);
  return (
    <div className="layout-two-thirds">
      <div>
        <Link href={paths.editProposal(proposal.id)} className="back-link">
          Back to your proposal
        </Link>
        <span className="caption">{proposal.call.title}</span>
        <h1>Check your answers before submitting your proposal</h1>
        {SECTION_ORDER.map((key) => {
          const section = findSection(key)!;
          return (
            <section key={key} aria-labelledby={`check-${key}`}>
              <h2 id={`check-${key}`} className="h3">
                {section.title}
              </h2>
              <SectionAnswersList
                section={section}
                answers={proposal.answers[key] ?? {}}
                changeHref={() => paths.proposalSection(proposal.id, key, "final")}
                joint={proposal.joint}
              />
            </section>
          );
        })}
        {proposal.slots.length > 0 ? (
          <section aria-labelledby="check-appendices">
            <h2 id="check-appendices" className="h3">
              Appendices
            </h2>
            <AppendicesAnswersList slots={proposal.slots} changeHref={(slot) => paths.proposalAppendix(proposal.id, slot, "final")} />
          </section>
        ) : null}
        <h2>Now submit your proposal</h2>
        {incomplete.length > 0 ? (
          <div className="inset">
            <p>You cannot submit yet. Complete these sections first:</p>
            <ul>
              {incomplete.map((t) => (
                <li key={t.key}>
                  <Link href={taskHref[t.key] ?? paths.editProposal(proposal.id)}>{t.title}</Link>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <>
            <p>
              By submitting this proposal you confirm that, to the best of your knowledge, its answers and files are correct and that
              your partners agree to them.
            </p>
            <p>
              You can reopen a submitted proposal to change it until the call closes on {formatDateTime(proposal.call.closesAt)}. Once
              submitted, its files are locked.
            </p>
            <SubmitProposal proposalId={proposal.id} version={proposal.version} submit={submit} taskHref={taskHref} />
          </>
        )}
      </div>
    </div>
  );
}
