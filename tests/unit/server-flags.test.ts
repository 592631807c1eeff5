import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS } from "../../scripts/server-flags.mjs";

/** The node options of a package.json script that runs `node … <file>`. */
function nodeOptionsOf(script: string, file: string): string[] {
  const words = script.trim().split(/\s+/);
  expect(words[0]).toBe("node");
  expect(words.at(-1)).toBe(file);
  return words.slice(1, -1);
}

describe("the server's V8 options", () => {
  const scripts = (JSON.parse(fs.readFileSync(path.join(process.cwd(), "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

  it("are the ones `npm start` and `npm run serve` start the server with", () => {
    expect(nodeOptionsOf(scripts.start!, "scripts/start.mjs")).toEqual([...SERVER_NODE_FLAGS]);
    expect(nodeOptionsOf(scripts.serve!, "scripts/server.mjs")).toEqual([...SERVER_NODE_FLAGS]);
  });

  it("are the bench's too, so the job workers it runs in-process (calibration, assignment) see the server's heap settings", () => {
    const words = scripts.bench!.trim().split(/\s+/);
    expect(words[0]).toBe("tsx");
    expect(words.slice(1, 1 + SERVER_NODE_FLAGS.length)).toEqual([...SERVER_NODE_FLAGS]);
  });

  it("are options this Node.js accepts", async () => {
    const { spawnSync } = await import("node:child_process");
    const result = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, "-e", "process.stdout.write('ok')"], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("ok");
  });
});
