import type { AssessmentFormValues } from "@/lib/validation/assessment";

/**
 * A copy of the assessment kept in this browser's localStorage while it has unsaved changes, so
 * an expired session, a lost connection or a closed tab loses nothing typed (the same approach as
 * the bidder's components/proposal/draft-backup.ts). Keyed by assignment, which belongs to one
 * assessor, so two assessors sharing a browser never see each other's copy.
 */
export interface AssessmentBackup {
  /** The server version the local values were based on (0: nothing saved yet). */
  baseVersion: number;
  values: AssessmentFormValues;
  unsaved: boolean;
  at: string;
}

const key = (assignmentId: number) => `tandem:assessment-draft:${assignmentId}`;

export function readAssessmentBackup(assignmentId: number): AssessmentBackup | null {
  try {
    const raw = window.localStorage.getItem(key(assignmentId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as AssessmentBackup;
    return typeof parsed.baseVersion === "number" && parsed.values && typeof parsed.values === "object" ? parsed : null;
  } catch {
    return null; // storage disabled or a corrupt entry: the server copy is still there
  }
}

export function writeAssessmentBackup(assignmentId: number, backup: AssessmentBackup): void {
  try {
    window.localStorage.setItem(key(assignmentId), JSON.stringify(backup));
  } catch {
    // Storage full or disabled: autosave to the server still runs.
  }
}

export function clearAssessmentBackup(assignmentId: number): void {
  try {
    window.localStorage.removeItem(key(assignmentId));
  } catch {
    // nothing to clear
  }
}
