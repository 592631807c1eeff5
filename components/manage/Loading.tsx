/**
 * What a streamed section shows until its data arrives (the fallback of a Suspense boundary):
 * a polite status, so screen readers hear that something is on its way.
 */
export function Loading({ children }: { children: React.ReactNode }) {
  return (
    <p role="status" className="muted">
      {children}
    </p>
  );
}
