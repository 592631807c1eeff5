import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startWorker, workerExecArgv } from "@/lib/server/jobs/worker-file";

describe("starting a job's worker thread", () => {
  it("starts when the process runs with V8 options a worker refuses (the server's flags), keeping the rest", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-worker-"));
    try {
      const file = path.join(dir, "echo.mjs");
      fs.writeFileSync(file, 'import { parentPort } from "node:worker_threads";\nparentPort.postMessage(process.execArgv);\n');
      const execArgv = workerExecArgv(["--heap-growing-percent=100", "--max-semi-space-size=32", "--no-warnings", "--require", "/x/node_modules/tsx/dist/preflight.cjs"]);
      const worker = startWorker(null, execArgv, file);
      const seen = await new Promise((resolve) => worker.once("message", resolve));
      await worker.terminate();
      expect(seen).toEqual(["--no-warnings"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
