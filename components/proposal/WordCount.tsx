"use client";

import { useDeferredValue } from "react";
import { useWatch, type Control, type Path } from "react-hook-form";
import { countWords } from "@/lib/domain/words";
import type { ProposalAnswers } from "@/lib/domain/proposal/questions";

/** GOV.UK-style live count: words remaining, or how many too many. */
export function WordCount({ control, name, max, id }: { control: Control<ProposalAnswers>; name: string; max: number; id: string }) {
  const value = useWatch({ control, name: name as Path<ProposalAnswers> });
  const words = countWords(typeof value === "string" ? value : "");
  const announced = useDeferredValue(words);
  const over = words > max;
  const text = over
    ? `You have ${words - max} ${words - max === 1 ? "word" : "words"} too many`
    : `You have ${max - words} ${max - words === 1 ? "word" : "words"} remaining`;
  return (
    <>
      <p className={`word-count${over ? " word-count--over" : ""}`} id={id} aria-hidden="true">
        {text}
      </p>
      <span className="visually-hidden" aria-live="polite">
        {announced === words ? text : ""}
      </span>
    </>
  );
}
