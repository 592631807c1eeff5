/** The DOM id of the input for a form path, so error summaries can link to it. */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^a-zA-Z0-9_-]+/g, "-")}`;
}
