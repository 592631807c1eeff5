/**
 * Where and how a background-job worker thread starts (./runner.ts starts the job's worker;
 * ./calibration-parallel.ts its helper threads). No "server-only": the helpers start from
 * inside a worker.
 */
import path from "node:path";
import { Worker, type WorkerOptions } from "node:worker_threads";

/** The plain JavaScript file every worker starts on (see its own comment), found from the project root. */
export const WORKER_FILE = path.join(process.cwd(), "lib", "server", "jobs", "worker-boot.mjs");

/**
 * The process's Node options without tsx's loader (`--require …/tsx/…`, `--import …/tsx/…`),
 * which a worker would otherwise inherit when this process runs under tsx (the bench, scripts):
 * the worker runs bundled JavaScript and does not need it, and it costs about 0.2 s of CPU per
 * thread to set up.
 */
export function workerExecArgv(execArgv: readonly string[] = process.execArgv): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    const flag = /^--(require|import|loader|experimental-loader)$/.test(arg) || arg === "-r";
    if (flag && /[\\/]tsx[\\/]/.test(execArgv[i + 1] ?? "")) {
      i++;
      continue;
    }
    if (/^--(require|import|loader|experimental-loader)=.*[\\/]tsx[\\/]/.test(arg)) continue;
    if (/^--(eval|print)$/.test(arg) || arg === "-e" || arg === "-p") {
      i++;
      continue;
    }
    kept.push(arg);
  }
  return kept;
}

/** The options of a new worker thread: its data, and the process's Node options without tsx. */
export function workerOptions(workerData: unknown): WorkerOptions {
  return { workerData, execArgv: workerExecArgv() };
}

/**
 * Starts a worker thread with `workerOptions`. Node refuses V8 options (`--max-semi-space-size`,
 * `--heap-growing-percent`: the server's scripts/server-flags.mjs) in a worker's execArgv, though a
 * worker left to inherit them gets them: they are the process's, and apply to every thread
 * anyway. So when Node names options it refuses, the worker starts without them (without any
 * options if the refusal cannot be read).
 */
export function startWorker(workerData: unknown, execArgv: string[] = workerExecArgv(), file: string = WORKER_FILE): Worker {
  try {
    return new Worker(file, { workerData, execArgv });
  } catch (error) {
    if ((error as { code?: string }).code !== "ERR_WORKER_INVALID_EXEC_ARGV") throw error;
    // "Initiated Worker with invalid execArgv flags: --a=1, --b=2"
    const refused = new Set(String((error as Error).message).replace(/^[^:]*:\s*/, "").split(/,\s*/));
    const kept = execArgv.filter((arg) => !refused.has(arg));
    try {
      return new Worker(file, { workerData, execArgv: kept });
    } catch {
      return new Worker(file, { workerData, execArgv: [] });
    }
  }
}
