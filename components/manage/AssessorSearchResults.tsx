import { assignAssessorForm } from "@/lib/server/actions/manage-actions";
import type { AssessorSuggestions } from "@/lib/server/manage/assignments";
import { formatCount, suggestionText } from "./format";
import styles from "./manage.module.css";

/** A search of the board without JavaScript: what was typed, the matches, and a refusal's code. */
export interface BoardSearch {
  proposalId: number;
  q: string;
  found: AssessorSuggestions | null;
  problem: string | null;
}

const PROBLEMS: Record<string, string> = {
  locked: "Decisions on this call have been released, so its assessors can no longer change.",
  closed: "Assessors can be assigned once the call has closed.",
  not_found: "We could not find that proposal or assessor.",
  forbidden: "You cannot assign assessors to this call.",
};
const REFUSED = "That assessor could not be assigned: they may have declared a conflict, be assigned already, have been unassigned from it, or have reached their maximum. Choose another.";

/**
 * The combobox's fallback without JavaScript: the assessors matching a search for one proposal
 * (ranked as the combobox ranks them), each with a plain form that assigns them.
 */
export function AssessorSearchResults({ callId, boardPage, proposalTitle, search }: { callId: number; boardPage: number; proposalTitle: string; search: BoardSearch }) {
  const { found, problem } = search;
  const id = `assign-${search.proposalId}-results`;
  return (
    <div id={id} className={styles.searchResults}>
      {problem ? (
        <p className="error-message" role="alert">
          <span className="visually-hidden">Error:</span> {PROBLEMS[problem] ?? REFUSED}
        </p>
      ) : null}
      {!found ? (
        <p>Suggestions could not be found for this proposal.</p>
      ) : found.total === 0 ? (
        <p>No eligible assessors match “{search.q}”.</p>
      ) : (
        <>
          <p>
            {found.total === 1 ? "1 eligible assessor matches" : `${formatCount(found.total)} eligible assessors match`}
            {search.q ? ` “${search.q}”` : ""}
            {found.suggestions.length < found.total ? `; the best ${found.suggestions.length} are shown: search again to narrow` : ""}.
          </p>
          <ul aria-label={`Assessors to assign to ${proposalTitle}`}>
            {found.suggestions.map((s) => (
              <li key={s.id}>
                <form action={assignAssessorForm}>
                  <input type="hidden" name="callId" value={callId} />
                  <input type="hidden" name="proposalId" value={search.proposalId} />
                  <input type="hidden" name="assessorId" value={s.id} />
                  <input type="hidden" name="page" value={boardPage} />
                  <input type="hidden" name="q" value={search.q} />
                  <span>{suggestionText(s)}</span>
                  <button type="submit" className="link-button">
                    Assign<span className="visually-hidden"> {s.name} to {proposalTitle}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
