"use client";

import { useEffect, useId, useRef } from "react";
import { fieldId } from "./field-id";

export interface SummaryItem {
  field: string;
  message: string;
  /** A link to another page instead of a field on this one. */
  href?: string;
}

/** GOV.UK-style error summary: receives focus when shown, each error links to its field. */
export function ErrorSummary({ items, title = "There is a problem" }: { items: SummaryItem[]; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    if (items.length > 0) ref.current?.focus();
  }, [items]);
  if (items.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby={titleId} tabIndex={-1} ref={ref}>
      <h2 id={titleId}>{title}</h2>
      <ul>
        {items.map((item) => (
          <li key={`${item.field}:${item.message}`}>
            <a
              href={item.href ?? `#${fieldId(item.field)}`}
              onClick={(event) => {
                if (item.href) return;
                const target = document.getElementById(fieldId(item.field));
                if (!target) return;
                event.preventDefault();
                target.scrollIntoView({ block: "center" });
                target.focus();
              }}
            >
              {item.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
