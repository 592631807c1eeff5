"use client";

import type { ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { fieldId } from "@/components/form/field-id";
import styles from "./assessment.module.css";

/**
 * Radio buttons inside a Field rendered as a fieldset (which holds the legend, hint and error).
 * The first one carries the field's own id, so an error summary link lands on the group.
 */
export function RadioChoices({
  path,
  options,
  registration,
}: {
  path: string;
  options: readonly { value: string; label: ReactNode; hint?: string }[];
  registration: UseFormRegisterReturn;
}) {
  return (
    <div className={styles.choices}>
      {options.map((option, i) => {
        const id = i === 0 ? fieldId(path) : fieldId(`${path}.${option.value}`);
        const hintId = option.hint ? `${id}-item-hint` : undefined;
        return (
          <div key={option.value}>
            <div className={styles.radio}>
              <input
                type="radio"
                id={id}
                value={option.value}
                aria-describedby={hintId}
                {...registration}
              />
              <label htmlFor={id}>{option.label}</label>
            </div>
            {option.hint ? (
              <p className={`hint ${styles.choiceHint}`} id={hintId}>
                {option.hint}
              </p>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
