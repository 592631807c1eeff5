import styles from "./manage.module.css";

/**
 * What a streamed section shows until its data arrives (the fallback of a Suspense boundary):
 * a polite status, so screen readers hear that something is on its way. Without scripting the
 * section never replaces it, so it is hidden there and the section shown below (manage.module.css).
 */
export function Loading({ children }: { children: React.ReactNode }) {
  return (
    <p role="status" className={`muted ${styles.streamFallback}`}>
      {children}
    </p>
  );
}
