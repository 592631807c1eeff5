import type { FieldErrors, FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { SummaryItem } from "./ErrorSummary";

function isLeafError(node: object): node is { type: string; message?: string } {
  return "type" in node && typeof (node as { type: unknown }).type === "string";
}

/**
 * Flattens react-hook-form's nested errors into summary items, in field order. A field array's
 * own error sits under "root"; it is reported against the array's path.
 */
export function summariseErrors(errors: FieldErrors, prefix = ""): SummaryItem[] {
  const out: SummaryItem[] = [];
  for (const [key, node] of Object.entries(errors)) {
    if (!node || typeof node !== "object" || key === "ref") continue;
    const path = key === "root" ? prefix : prefix ? `${prefix}.${key}` : key;
    if (isLeafError(node)) {
      if (node.message) out.push({ field: path, message: node.message });
    } else {
      out.push(...summariseErrors(node as FieldErrors, path));
    }
  }
  return out;
}

/** Puts the server's field errors on the form, so they show exactly as client-side ones do. */
export function applyServerErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  fieldErrors: Record<string, string> | undefined,
): SummaryItem[] {
  const items: SummaryItem[] = [];
  for (const [field, message] of Object.entries(fieldErrors ?? {})) {
    setError(field as Path<T>, { type: "server", message });
    items.push({ field, message });
  }
  return items;
}
