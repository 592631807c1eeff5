import type { AssessmentProgress } from "@/lib/server/assessments";

const TAGS: Record<AssessmentProgress, { label: string; tone: string }> = {
  "not-started": { label: "Not started", tone: "" },
  "in-progress": { label: "In progress", tone: "tag--blue" },
  submitted: { label: "Submitted", tone: "tag--green" },
};

export function ProgressTag({ status }: { status: AssessmentProgress }) {
  const tag = TAGS[status];
  return <strong className={`tag ${tag.tone}`}>{tag.label}</strong>;
}
