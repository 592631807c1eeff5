"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

interface ProgressState {
  state: "fresh" | "running" | "failed" | "idle";
  progress: number;
  message: string;
}

/**
 * Shows a background job's progress (lib/server/jobs) while it computes: polls the job's progress
 * route every `intervalMs` and refreshes the page once the result is ready or the run failed, so
 * the server-rendered page shows it. Without JavaScript, the link reloads the page by hand.
 */
export function JobProgress({
  url,
  label,
  initial,
  intervalMs = 1000,
}: {
  /** paths.callJob(callId, kind, key) */
  url: string;
  /** What is being computed, e.g. "Fitting the calibration model". */
  label: string;
  initial: { progress: number; message: string };
  intervalMs?: number;
}) {
  const router = useRouter();
  const [current, setCurrent] = useState(initial);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const response = await fetch(url, { cache: "no-store", headers: { Accept: "application/json" } });
        if (response.ok) {
          const state = (await response.json()) as ProgressState;
          if (stopped) return;
          if (state.state !== "running") {
            router.refresh();
            return;
          }
          setCurrent({ progress: state.progress, message: state.message });
        }
      } catch {
        // A dropped poll is retried on the next tick.
      }
      if (!stopped) timer = setTimeout(poll, intervalMs);
    };
    timer = setTimeout(poll, intervalMs);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [url, intervalMs, router]);

  const percent = Math.round(current.progress * 100);
  return (
    <div className="notification">
      <p>
        <strong>{label}</strong>
      </p>
      <progress max={100} value={percent} aria-label={`${label}: ${percent} % done`} style={{ width: "100%" }} />
      {/* Only the step is announced (not every percent), so screen readers are not flooded. */}
      <p role="status">{current.message || "Starting"}</p>
      <p className="hint">
        This page updates by itself when it is ready. <a href="">Reload the page</a>
      </p>
    </div>
  );
}
