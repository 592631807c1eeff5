import { useId } from "react";
import styles from "./manage.module.css";

/**
 * A table that scrolls sideways inside its own region when it is wider than the page, so the page
 * itself never does (WCAG 1.4.10 Reflow) and no column is squashed. The accessible pattern, once:
 * - the region is named by the table's caption (aria-labelledby), so a screen reader announces
 *   what it holds, in the caption's own words;
 * - it is in the tab order (tabIndex 0), so a keyboard user can scroll it with the arrow keys
 *   (WCAG 2.1.1; axe's scrollable-region-focusable), with a visible focus outline (2.4.7,
 *   `.scroll:focus-visible`).
 * The caption's id comes from useId, so two tables on one page never share one.
 */
export function ScrollTable({
  caption,
  hiddenCaption = false,
  dense = false,
  className,
  children,
}: {
  caption: React.ReactNode;
  /** The caption is for screen readers only, where a visible heading already says what the table holds. */
  hiddenCaption?: boolean;
  /** Smaller type and cell padding, for tables of many columns. */
  dense?: boolean;
  /** More classes for the table. */
  className?: string;
  /** The table's head and body. */
  children: React.ReactNode;
}) {
  const id = useId();
  const tableClass = [dense ? styles.dense : null, className].filter(Boolean).join(" ") || undefined;
  return (
    <div className={styles.scroll} role="region" aria-labelledby={id} tabIndex={0}>
      <table className={tableClass}>
        <caption id={id} className={hiddenCaption ? "visually-hidden" : undefined}>
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}
