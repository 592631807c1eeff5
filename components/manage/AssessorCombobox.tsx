"use client";

import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { ExpertiseMatch, Suggestion } from "@/lib/domain/assignment";
import { useServerAction } from "../form/use-server-action";
import styles from "./manage.module.css";

const DEBOUNCE_MS = 200;
const MATCH_TEXT: Record<ExpertiseMatch, string> = { domain: "domain expert", theme: "theme expert", none: "" };

/** How an option reads, on screen and to a screen reader. */
export function suggestionText(s: Suggestion): string {
  const load = `${s.load}${s.maxProposals !== null ? ` of at most ${s.maxProposals}` : ""} assigned`;
  return [`${s.name} (${s.organisation || "no organisation"})`, MATCH_TEXT[s.match], load].filter(Boolean).join(" – ");
}

/**
 * Choose an assessor for one proposal and assign them: a WAI-ARIA 1.2 combobox with a listbox
 * popup (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/), fed by the suggestions route
 * (ranked: domain match, theme match, lower load; conflicted, assigned and unassigned assessors
 * left out). Typing searches (debounced); Down/Up move through the options, Home/End jump to the
 * first/last while the list is open, Enter chooses, Escape closes the list (or clears the field).
 * A polite live region says how many assessors were found. The server checks everything again.
 */
export function AssessorCombobox({
  suggestionsUrl,
  proposalId,
  proposalTitle,
  assign,
}: {
  /** paths.callAssignmentSuggestions(callId) */
  suggestionsUrl: string;
  proposalId: number;
  proposalTitle: string;
  assign: (input: { proposalId: number; assessorId: number }) => Promise<ActionResult<unknown>>;
}) {
  const id = useId();
  const inputId = `${id}-input`;
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-option-${i}`;
  const [query, setQuery] = useState("");
  const [options, setOptions] = useState<Suggestion[]>([]);
  const [total, setTotal] = useState(0);
  const [loaded, setLoaded] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [selected, setSelected] = useState<Suggestion | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [missing, setMissing] = useState(false);
  const [fetchError, setFetchError] = useState<string | null>(null);
  const request = useRef<AbortController | null>(null);
  const { run, pending, failure } = useServerAction(assign, {
    onSuccess: () => {
      setSelected(null);
      setQuery("");
      setLoaded(null);
    },
  });
  const error = missing ? "Select an assessor to assign" : failure ? (failure.fieldErrors?.assessorId ?? failure.message) : fetchError;

  // Fetch the suggestions for the text typed, once typing pauses, while the list is open.
  useEffect(() => {
    if (!open || loaded === query) return;
    const timer = setTimeout(async () => {
      request.current?.abort();
      const controller = new AbortController();
      request.current = controller;
      try {
        const params = new URLSearchParams({ proposalId: String(proposalId), q: query, limit: "20" });
        const response = await fetch(`${suggestionsUrl}?${params}`, { signal: controller.signal, headers: { Accept: "application/json" }, cache: "no-store" });
        if (!response.ok) throw new Error(String(response.status));
        const data = (await response.json()) as { total: number; suggestions: Suggestion[] };
        setOptions(data.suggestions);
        setTotal(data.total);
        setLoaded(query);
        setActive(-1);
        setFetchError(null);
        const shown = data.suggestions.length < data.total ? `, showing the best ${data.suggestions.length}` : "";
        setAnnouncement(data.total === 0 ? "No eligible assessors match" : `${data.total} ${data.total === 1 ? "assessor" : "assessors"} found${shown}`);
      } catch (e) {
        if ((e as Error).name === "AbortError") return;
        setFetchError("Suggestions could not be loaded. Check your connection and try again.");
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [open, query, loaded, proposalId, suggestionsUrl]);

  // Keep the active option in view.
  useEffect(() => {
    if (active >= 0) document.getElementById(optionId(active))?.scrollIntoView?.({ block: "nearest" });
    // optionId is derived from the stable id
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active]);

  const choose = (s: Suggestion) => {
    setSelected(s);
    setQuery(s.name);
    setOpen(false);
    setActive(-1);
    setMissing(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const last = options.length - 1;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open) setOpen(true);
        setActive((i) => (last < 0 ? -1 : Math.min(last, i + 1)));
        break;
      case "ArrowUp":
        event.preventDefault();
        if (!open) setOpen(true);
        setActive((i) => (last < 0 ? -1 : i <= 0 ? last : i - 1));
        break;
      case "Home":
      case "End":
        if (open && last >= 0) {
          event.preventDefault();
          setActive(event.key === "Home" ? 0 : last);
        }
        break;
      case "Enter":
        if (open && active >= 0 && options[active]) {
          event.preventDefault();
          choose(options[active]);
        }
        break;
      case "Escape":
        if (open) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (query !== "") {
          event.preventDefault();
          setQuery("");
          setSelected(null);
        }
        break;
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(selected === null);
    if (selected) void run({ proposalId, assessorId: selected.id });
  };

  const expanded = open && loaded !== null;
  return (
    <form onSubmit={submit} noValidate className={error ? "form-group--error" : undefined}>
      <label htmlFor={inputId} className="visually-hidden">
        Assessor to assign to {proposalTitle}
      </label>
      <p id={`${id}-hint`} className="visually-hidden">
        Type to search by name or organisation; use the up and down arrows to choose.
      </p>
      {error ? (
        <p className="error-message" id={`${id}-error`} role="alert">
          <span className="visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <div className={styles.inlineForm}>
        <div className={styles.combobox}>
          <input
            id={inputId}
            type="text"
            role="combobox"
            autoComplete="off"
            spellCheck={false}
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listId}
            aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
            aria-invalid={Boolean(error)}
            aria-describedby={[`${id}-hint`, error ? `${id}-error` : ""].filter(Boolean).join(" ")}
            placeholder="Search assessors"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setSelected(null);
              setOpen(true);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => setOpen(false)}
          />
          <ul id={listId} role="listbox" aria-label={`Suggested assessors for ${proposalTitle}`} className={styles.listbox} hidden={!expanded}>
            {options.map((s, i) => (
              <li
                key={s.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className={styles.option}
                // Keep focus in the input while choosing with the mouse.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(s)}
              >
                {suggestionText(s)}
              </li>
            ))}
            {expanded && options.length === 0 ? (
              <li role="option" aria-selected={false} aria-disabled="true" className={styles.option}>
                No eligible assessors match
              </li>
            ) : null}
          </ul>
          <p role="status" aria-live="polite" className="visually-hidden">
            {open ? announcement : ""}
          </p>
          {total > options.length && expanded ? <p className={styles.meta}>Showing the best {options.length} of {total}: type to narrow.</p> : null}
        </div>
        <button type="submit" className="button button--secondary" disabled={pending}>
          {pending ? "Assigning…" : "Assign"}
          <span className="visually-hidden"> to {proposalTitle}</span>
        </button>
      </div>
    </form>
  );
}
