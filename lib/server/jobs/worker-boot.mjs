// The file the background-job runner starts each worker thread on (see ./runner.ts). Plain
// JavaScript, so Node can run it without a loader; it registers tsx's TypeScript loader for this
// thread only (tsImport) and then runs ./worker.ts (or, for a calibration helper thread started
// by ./calibration-parallel.ts, ./calibration-chains.ts). `--import tsx` in the worker's execArgv
// does not work here: Node 20 does not apply loader hooks registered from a worker's execArgv.
import { workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

await tsImport(workerData?.entry === "calibration-chains" ? "./calibration-chains.ts" : "./worker.ts", import.meta.url);
