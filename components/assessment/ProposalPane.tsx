import { AppendixList } from "@/components/proposal/AppendixList";
import { ProposalView } from "@/components/proposal/ProposalView";
import type { SlotFiles } from "@/lib/server/appendices";
import { StrategicFitNotice } from "@/components/proposal/StrategicFitNotice";
import type { ProposalAnswers } from "@/lib/domain/proposal/questions";
import type { StrategicFitResult } from "@/lib/domain/report/strategic-fit";
import styles from "./assessment.module.css";

/**
 * The proposal, read-only, in a pane that scrolls on its own beside the rubric. It can be reached
 * and scrolled with the keyboard (tabIndex), and is a named region for screen readers.
 */
export function ProposalPane({ answers, fit, appendices = [] }: { answers: ProposalAnswers; fit: StrategicFitResult; appendices?: SlotFiles[] }) {
  return (
    <section className={styles.proposalPane} aria-labelledby="proposal-pane-title" tabIndex={0}>
      <h2 id="proposal-pane-title" className={styles.paneHeading}>
        The proposal
      </h2>
      <StrategicFitNotice fit={fit} />
      <ProposalView answers={answers} headingLevel={3} />
      <AppendixList slots={appendices} />
    </section>
  );
}
