"use client";

import { useEffect, useState } from "react";
import { useWatch, type Control, type FieldValues, type Path } from "react-hook-form";
import { countWords } from "@/lib/domain/words";

/** How long after typing stops the count is announced (govuk-frontend's character count waits too). */
const ANNOUNCE_AFTER_MS = 1000;

export function countMessage(count: number, max: number, unit: "words" | "characters"): string {
  const one = unit === "words" ? "word" : "character";
  const left = max - count;
  if (left >= 0) return `You have ${left} ${left === 1 ? one : unit} remaining`;
  return `You have ${-left} ${-left === 1 ? one : unit} too many`;
}

/**
 * The GOV.UK character count (https://design-system.service.gov.uk/components/character-count/),
 * for words or characters. Typing past the limit is never blocked: the visible count turns to an
 * error ("You have 3 words too many") and the form refuses it only when the section is marked as
 * completed or submitted. Screen readers hear the count through a polite live region once typing
 * pauses, not on every key; the input is described by the limit ("You can enter up to 200 words"),
 * whose id is `${id}-info`.
 */
export function CharacterCount<T extends FieldValues>({
  control,
  name,
  max,
  unit,
  id,
}: {
  control: Control<T>;
  name: string;
  max: number;
  unit: "words" | "characters";
  id: string;
}) {
  const value = useWatch({ control, name: name as Path<T> }) as unknown;
  const text = typeof value === "string" ? value : "";
  const count = unit === "words" ? countWords(text) : text.length;
  const message = countMessage(count, max, unit);
  const over = count > max;
  const [announced, setAnnounced] = useState("");
  const [touched, setTouched] = useState(false);

  useEffect(() => {
    if (!touched) {
      setTouched(true);
      return;
    }
    const timer = setTimeout(() => setAnnounced(message), ANNOUNCE_AFTER_MS);
    return () => clearTimeout(timer);
    // Only a change of the count re-arms the announcement.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [message]);

  return (
    <>
      <p className="visually-hidden" id={`${id}-info`}>
        You can enter up to {max} {unit}
      </p>
      <p className={`word-count${over ? " word-count--over" : ""}`} id={id} aria-hidden="true">
        {message}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {announced}
      </p>
    </>
  );
}
