/**
 * A copy of a form kept in this browser's localStorage while it has unsaved changes, so an
 * expired session, a lost connection or a closed tab loses nothing typed. Keys name the record
 * (a proposal, an assignment), which belongs to one person.
 */
export interface LocalDraft<T> {
  /** The server version the local values were based on (0: nothing saved yet). */
  baseVersion: number;
  values: T;
  unsaved: boolean;
  at: string;
}

export function readLocalDraft<T>(key: string): LocalDraft<T> | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as LocalDraft<T>;
    return typeof parsed.baseVersion === "number" && parsed.values && typeof parsed.values === "object" ? parsed : null;
  } catch {
    return null; // storage disabled or a corrupt entry: the server copy is still there
  }
}

export function writeLocalDraft<T>(key: string, draft: LocalDraft<T>): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or disabled: autosave to the server still runs.
  }
}

export function clearLocalDraft(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // nothing to clear
  }
}

/** Every draft copy Tandem keeps in this browser (keys start "tandem:" and end in a record id). */
export function localDraftKeys(): { key: string; unsaved: boolean }[] {
  const found: { key: string; unsaved: boolean }[] = [];
  try {
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i);
      if (!key || !/^tandem:[a-z-]+-draft:/u.test(key)) continue;
      found.push({ key, unsaved: readLocalDraft(key)?.unsaved ?? false });
    }
  } catch {
    // storage disabled: nothing kept here
  }
  return found;
}
