/**
 * A warm job thread (./pool.ts) gives back what its last job allocated before it waits for the
 * next one. Left to itself V8 collects an idle thread's heap only when it next allocates, so the
 * threads that ran a 5,000-proposal calibration held their garbage for as long as they waited:
 * the server stayed at 490 MiB after the analysis (bench `calibration-page`). One full collection
 * after each job, once its answer is posted, costs the job nothing and keeps the compiled code.
 * The collector is reached through a fresh context, the only place `--expose-gc` adds it after
 * start-up; where that is refused, nothing is collected early.
 */
import v8 from "node:v8";
import vm from "node:vm";

let collect: (() => void) | null | undefined;

export function releaseMemory(): void {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString("--expose-gc");
      const found: unknown = vm.runInNewContext("gc");
      collect = typeof found === "function" ? (found as () => void) : null;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
