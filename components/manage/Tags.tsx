import type { DecisionOutcome } from "@/db/schema";
import type { CallStage } from "@/lib/domain/call-stage";
import { OUTCOME_LABELS } from "@/lib/validation/manage";

const STAGE: Record<CallStage, { label: string; tone: string }> = {
  upcoming: { label: "Upcoming", tone: "tag--purple" },
  open: { label: "Open", tone: "tag--green" },
  closed: { label: "Closed", tone: "" },
  released: { label: "Decisions released", tone: "tag--blue" },
};

/** Where a call is in its life (lib/domain/call-stage.ts). */
export function StageTag({ stage }: { stage: CallStage }) {
  return <strong className={`tag ${STAGE[stage].tone}`}>{STAGE[stage].label}</strong>;
}

const OUTCOME_TONE: Record<DecisionOutcome, string> = { fund: "tag--green", reserve: "tag--yellow", reject: "tag--red" };

export function OutcomeTag({ outcome }: { outcome: DecisionOutcome }) {
  return <strong className={`tag ${OUTCOME_TONE[outcome]}`}>{OUTCOME_LABELS[outcome]}</strong>;
}

const STATE_TONE: Record<string, string> = {
  "not started": "",
  draft: "tag--blue",
  submitted: "tag--green",
  "conflict declared": "tag--red",
  unassigned: "tag--purple",
};

const STATE_LABEL: Record<string, string> = {
  "not started": "Not started",
  draft: "In draft",
  submitted: "Submitted",
  "conflict declared": "Conflict declared",
  unassigned: "Unassigned",
};

/** Where an assessor is with their assessment. */
export function AssessmentStateTag({ state }: { state: string }) {
  return <strong className={`tag ${STATE_TONE[state] ?? ""}`}>{STATE_LABEL[state] ?? state}</strong>;
}

export function PassTag({ passes }: { passes: boolean }) {
  return passes ? <strong className="tag tag--green">Pass</strong> : <strong className="tag tag--red">Fail</strong>;
}
