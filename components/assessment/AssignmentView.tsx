import Link from "next/link";
import { AssessmentForm, type AssessmentFormProps } from "@/components/assessment/AssessmentForm";
import { AssessmentView } from "@/components/assessment/AssessmentView";
import { ConflictDeclarationForm } from "@/components/assessment/ConflictDeclarationForm";
import { ProposalPane } from "@/components/assessment/ProposalPane";
import styles from "@/components/assessment/assessment.module.css";
import { countryName } from "@/lib/domain/report/countries";
import { formatDateTime } from "@/lib/format";
import { paths } from "@/lib/paths";
import type { SlotFiles } from "@/lib/server/appendices";
import type { AssignmentForAssessor } from "@/lib/server/assessments";
import { emptyAssessment } from "@/lib/validation/assessment";

type Declare = Extract<AssignmentForAssessor, { stage: "declare" }>;
type Assess = Extract<AssignmentForAssessor, { stage: "assess" }>;

/** The actions the assessment page hands to its forms. */
export interface AssignmentActions {
  declare: Parameters<typeof ConflictDeclarationForm>[0]["declare"];
  submit: AssessmentFormProps["submit"];
}

/** One assignment: the conflict declaration first, then the proposal beside the rubric form. */
export function AssignmentView({
  page,
  appendices,
  justSubmitted,
  actions,
}: {
  page: AssignmentForAssessor;
  appendices: SlotFiles[];
  justSubmitted: boolean;
  actions: AssignmentActions;
}) {
  return (
    <>
      <p>
        <Link href={paths.assessments}>Back to your assessments</Link>
      </p>
      <span className="caption">{page.call.title}</span>
      <h1>{page.proposal.title}</h1>
      {page.stage === "declare" ? (
        <Declaration page={page} declare={actions.declare} />
      ) : (
        <Assessment page={page} justSubmitted={justSubmitted} appendices={appendices} actions={actions} />
      )}
    </>
  );
}

/** Before reading: who is involved (so a conflict can be judged), then the declaration. */
function Declaration({ page, declare }: { page: Declare; declare: AssignmentActions["declare"] }) {
  const { proposal } = page;
  return (
    <div className="layout-two-thirds">
      <div>
        <h2>Declare any conflict of interest</h2>
        <p>Before you read this proposal, tell us whether you have a conflict of interest with anyone involved in it.</p>
        <dl className="summary-list">
          <div>
            <dt>Lead organisation</dt>
            <dd>{proposal.leadOrganisation || <span className="muted">Not given</span>}</dd>
          </div>
          <div>
            <dt>International partners</dt>
            <dd>
              {proposal.partners.length === 0 ? (
                <span className="muted">None given</span>
              ) : (
                <ul>
                  {proposal.partners.map((p) => (
                    <li key={`${p.organisation}-${p.country}`}>
                      {p.organisation}
                      {p.country ? ` (${countryName(p.country)})` : ""}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
          <div>
            <dt>Assessment due</dt>
            <dd>{formatDateTime(page.call.assessmentDueAt)}</dd>
          </div>
        </dl>
        <p>You have a conflict of interest if, for example, you:</p>
        <ul>
          <li>work for, or in the last three years worked for or advised, the lead or a partner organisation</li>
          <li>have worked closely with, or are related to, anyone leading the project</li>
          <li>stand to gain or lose financially from the proposal’s outcome</li>
          <li>are preparing a competing proposal or product</li>
        </ul>
        <ConflictDeclarationForm assignmentId={page.assignmentId} declare={declare} />
      </div>
    </div>
  );
}

/** After declaring no conflict: the proposal beside the rubric form, or the submitted assessment. */
function Assessment({ page, justSubmitted, appendices, actions }: { page: Assess; justSubmitted: boolean; appendices: SlotFiles[]; actions: AssignmentActions }) {
  const { assessment } = page;
  const isSubmitted = assessment?.status === "submitted";
  const dueAt = formatDateTime(page.call.assessmentDueAt);
  return (
    <>
      {isSubmitted && justSubmitted ? (
        <div className="notification notification--success" role="status">
          <h2>Assessment submitted</h2>
          <p>Thank you. Your assessment of this proposal has been submitted.</p>
        </div>
      ) : null}
      {isSubmitted ? (
        <p>
          <strong className="tag tag--green">Submitted</strong>{" "}
          {assessment.submittedAt ? `on ${formatDateTime(assessment.submittedAt)}. ` : null}
          This assessment is read-only. If it needs to change, ask a portfolio manager to reopen it.
        </p>
      ) : (
        <p>
          Assessments for this call are due by {dueAt}. Read the proposal, then score each criterion on its scale using
          the band descriptions, with a written justification.
        </p>
      )}
      <div className={styles.split}>
        <ProposalPane answers={page.answers} fit={page.fit} appendices={appendices} />
        <div>
          <h2>Your assessment</h2>
          {isSubmitted ? (
            <AssessmentView criteria={page.rubric} values={assessment.values} />
          ) : page.rubric.length === 0 ? (
            <p>This call’s rubric has not been set up yet, so its proposals cannot be scored. Contact a portfolio manager.</p>
          ) : (
            <AssessmentForm
              key={assessment?.version ?? 0}
              assignmentId={page.assignmentId}
              version={assessment?.version ?? 0}
              values={assessment?.values ?? emptyAssessment(page.rubric)}
              criteria={page.rubric}
              dueAtLabel={dueAt}
              submit={actions.submit}
            />
          )}
          {isSubmitted ? null : (
            <details className={styles.lateConflict}>
              <summary>I have found a conflict of interest</summary>
              <p>
                If reading the proposal shows you have a conflict of interest, declare it here. You will no longer have
                access to the proposal, and portfolio managers will assign someone else.
              </p>
              <ConflictDeclarationForm assignmentId={page.assignmentId} declare={actions.declare} late />
            </details>
          )}
        </div>
      </div>
    </>
  );
}
