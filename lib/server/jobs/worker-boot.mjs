// The file the background-job runner starts each worker thread on (see ./runner.ts). Plain
// JavaScript, so Node can run it without a loader. It runs ./worker.ts (or, for a calibration
// helper thread started by ./calibration-parallel.ts, ./calibration-chains.ts) as plain
// JavaScript bundled once by esbuild (the one tsx itself depends on, so it is there wherever tsx
// is) into node_modules/.cache/tandem-jobs/: a worker then starts in tens of milliseconds instead
// of the 1–1.5 s that compiling the same files through tsx's loader hooks took in each new
// thread. The registry (./registry.ts) imports each job kind's module only when that kind runs,
// so the bundle splits into chunks and a worker loads only the code of its own job. Packages
// stay external (loaded from node_modules as usual: highs finds its .wasm beside itself).
// The bundle is rebuilt when any of its source files changes (size or modification time), and
// written to a fresh folder that a manifest then points to, so concurrent workers never see a
// half-written bundle. If bundling is impossible, the worker falls back to tsx's tsImport.
// (`--import tsx` in the worker's execArgv does not work: Node 20 ignores loader hooks given in
// a worker's execArgv.)
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parentPort, workerData } from "node:worker_threads";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..", "..", "..");
const ENTRIES = { worker: "worker.ts", "calibration-chains": "calibration-chains.ts" };
const entry = workerData?.entry === "calibration-chains" ? "calibration-chains" : "worker";

/** The stored bundle's folder when every source file it was built from is unchanged, else null. */
function currentBundle(cache) {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(cache, "manifest.json"), "utf8"));
    for (const [file, stamp] of Object.entries(manifest.inputs)) {
      const stat = fs.statSync(path.join(root, file));
      if (`${stat.size}:${stat.mtimeMs}` !== stamp) return null;
    }
    const dir = path.join(cache, manifest.dir);
    return fs.existsSync(path.join(dir, `${entry}.mjs`)) && fs.existsSync(path.join(dir, "sources.json")) ? dir : null;
  } catch {
    return null;
  }
}

async function build(cache) {
  const esbuild = createRequire(createRequire(import.meta.url).resolve("tsx/package.json"))("esbuild");
  fs.mkdirSync(cache, { recursive: true });
  const dirName = `bundle-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const dir = path.join(cache, dirName);
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, path.join(here, file)])),
    outdir: dir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    tsconfig: path.join(root, "tsconfig.json"),
    metafile: true,
    logLevel: "silent",
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) {
    const stat = fs.statSync(path.join(root, file));
    inputs[file] = `${stat.size}:${stat.mtimeMs}`;
  }
  fs.writeFileSync(path.join(dir, "sources.json"), JSON.stringify(inputs));
  const temp = path.join(cache, `manifest-${dirName}.json`);
  fs.writeFileSync(temp, JSON.stringify({ dir: dirName, inputs }));
  fs.renameSync(temp, path.join(cache, "manifest.json"));
  // Old bundles (a running worker may still be loading one, so only those over an hour old).
  for (const name of fs.readdirSync(cache)) {
    if (name === dirName || !name.startsWith("bundle-")) continue;
    try {
      if (Date.now() - fs.statSync(path.join(cache, name)).mtimeMs > 3_600_000) fs.rmSync(path.join(cache, name), { recursive: true, force: true });
    } catch {}
  }
  return dir;
}

/** The bundle's source stamps, for the pool's check before it hands this thread another job. */
function sourcesOf(bundleDir) {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(bundleDir, "sources.json"), "utf8"));
    return { root, inputs: manifest };
  } catch {
    return null;
  }
}

let dir = null;
try {
  const cache = path.join(root, "node_modules", ".cache", "tandem-jobs");
  // A calibration helper thread loads the very bundle its job thread runs (./calibration-parallel.ts
  // passes it), so the two never run different versions of the sampler.
  const pinned = typeof workerData?.bundle === "string" && fs.existsSync(path.join(workerData.bundle, `${entry}.mjs`)) ? workerData.bundle : null;
  dir = pinned ?? currentBundle(cache) ?? (await build(cache));
} catch (error) {
  console.error("[jobs] could not bundle the worker's code; compiling it with tsx instead", error);
}
// Read by ./calibration-parallel.ts (to pin its helpers) from inside this thread.
globalThis.tandemJobsBundle = dir;
if (dir) await import(pathToFileURL(path.join(dir, `${entry}.mjs`)).href);
else {
  const { tsImport } = await import("tsx/esm/api");
  await tsImport(`./${ENTRIES[entry]}`, import.meta.url);
}
// The pool (./pool.ts) keeps this thread for further jobs only while the sources its code was
// built from are unchanged (null: compiled by tsx, so never reused).
parentPort?.postMessage({ type: "loaded", sources: dir ? sourcesOf(dir) : null });
