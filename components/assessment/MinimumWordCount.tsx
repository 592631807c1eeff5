"use client";

import { useDeferredValue } from "react";
import { useWatch, type Control, type Path } from "react-hook-form";
import { countWords } from "@/lib/domain/words";
import type { AssessmentFormValues } from "@/lib/validation/assessment";

/**
 * A live count for text with a minimum length (the bidder's WordCount counts down to a maximum).
 * The visible line is hidden from screen readers; a polite live region announces the count once
 * typing pauses, so it does not interrupt every keystroke.
 */
export function MinimumWordCount({
  control,
  name,
  min,
  id,
}: {
  control: Control<AssessmentFormValues>;
  name: Path<AssessmentFormValues>;
  min: number;
  id: string;
}) {
  const value = useWatch({ control, name });
  const words = countWords(typeof value === "string" ? value : "");
  const announced = useDeferredValue(words);
  const plural = (n: number) => (n === 1 ? "word" : "words");
  const text =
    words >= min
      ? `${words} ${plural(words)}: enough to submit`
      : `${words} ${plural(words)}: write at least ${min - words} more to submit`;
  return (
    <>
      <p className="word-count" id={id} aria-hidden="true">
        {text}
      </p>
      <span className="visually-hidden" aria-live="polite">
        {announced === words ? text : ""}
      </span>
    </>
  );
}
