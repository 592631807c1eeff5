import type { ProposalAnswers } from "@/lib/domain/proposal/questions";

/**
 * A copy of the form kept in this browser's localStorage while it has unsaved changes, so an
 * expired session, a lost connection or a closed tab loses nothing typed.
 */
export interface DraftBackup {
  /** The server version the local answers were based on. */
  baseVersion: number;
  answers: ProposalAnswers;
  unsaved: boolean;
  at: string;
}

const key = (proposalId: number) => `tandem:proposal-draft:${proposalId}`;

export function readBackup(proposalId: number): DraftBackup | null {
  try {
    const raw = window.localStorage.getItem(key(proposalId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as DraftBackup;
    return typeof parsed.baseVersion === "number" && parsed.answers && typeof parsed.answers === "object" ? parsed : null;
  } catch {
    return null; // storage disabled or a corrupt entry: the server copy is still there
  }
}

export function writeBackup(proposalId: number, backup: DraftBackup): void {
  try {
    window.localStorage.setItem(key(proposalId), JSON.stringify(backup));
  } catch {
    // Storage full or disabled: autosave to the server still runs.
  }
}

export function clearBackup(proposalId: number): void {
  try {
    window.localStorage.removeItem(key(proposalId));
  } catch {
    // nothing to clear
  }
}
