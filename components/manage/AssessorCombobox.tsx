"use client";

import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { Suggestion } from "@/lib/domain/assignment";
import { useServerAction } from "../form/use-server-action";
import { suggestionText } from "./format";
import styles from "./manage.module.css";

const DEBOUNCE_MS = 200;

/**
 * Choose an assessor for one proposal and assign them: a WAI-ARIA 1.2 combobox with a listbox
 * popup (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/), fed by the suggestions route
 * (ranked: domain match, theme match, lower load; conflicted, assigned and unassigned assessors
 * left out). Typing searches (debounced); Down/Up move through the options, Home/End jump to the
 * first/last while the list is open, Enter chooses, Escape closes the list (or clears the field).
 * A polite live region says how many assessors were found. The server checks everything again.
 *
 * Without JavaScript it is a plain GET search of the board (`searchUrl`, with `proposal`, `q` and
 * the board's `page`): the board then lists the matching assessors for this proposal, each with
 * its own assign button (AssessorSearchResults). The combobox roles appear only once enhanced.
 */
export function AssessorCombobox({
  suggestionsUrl,
  searchUrl,
  boardPage,
  proposalId,
  proposalTitle,
  initialQuery = "",
  assign,
}: {
  /** paths.callAssignmentSuggestions(callId) */
  suggestionsUrl: string;
  /** The board's own address (paths.callAssignments(callId)), for the search without JavaScript. */
  searchUrl: string;
  boardPage: number;
  proposalId: number;
  proposalTitle: string;
  /** What was searched for this proposal without JavaScript, kept in the field. */
  initialQuery?: string;
  assign: (input: { proposalId: number; assessorId: number }) => Promise<ActionResult<unknown>>;
}) {
  const id = useId();
  // False in the server's HTML (and without JavaScript): a plain search field and button.
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);
  const inputId = `${id}-input`;
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-option-${i}`;
  const [query, setQuery] = useState(initialQuery);
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
    <form
      method="get"
      action={`${searchUrl}#assign-${proposalId}`}
      onSubmit={submit}
      noValidate
      id={`assign-${proposalId}`}
      className={error ? "form-group--error" : undefined}
    >
      {boardPage > 1 ? <input type="hidden" name="page" value={boardPage} /> : null}
      <input type="hidden" name="proposal" value={proposalId} />
      <label htmlFor={inputId} className="visually-hidden">
        Assessor to assign to {proposalTitle}
      </label>
      <p id={`${id}-hint`} className="visually-hidden">
        {enhanced
          ? "Type to search by name or organisation; use the up and down arrows to choose."
          : "Type part of a name or organisation and search; the matching assessors are listed with a button to assign each."}
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
            name="q"
            role={enhanced ? "combobox" : undefined}
            autoComplete="off"
            spellCheck={false}
            aria-autocomplete={enhanced ? "list" : undefined}
            aria-expanded={enhanced ? expanded : undefined}
            aria-controls={enhanced ? listId : undefined}
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
        {enhanced ? (
          <button type="submit" className="button button--secondary" disabled={pending}>
            {pending ? "Assigning…" : "Assign"}
            <span className="visually-hidden"> to {proposalTitle}</span>
          </button>
        ) : (
          <button type="submit" className="button button--secondary">
            Search<span className="visually-hidden"> assessors for {proposalTitle}</span>
          </button>
        )}
      </div>
    </form>
  );
}
