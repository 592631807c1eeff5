import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SERVER_ENV, SERVER_NODE_FLAGS } from "../../scripts/server-flags.mjs";

/** The `NAME=value` words a package.json script starts with, and the rest. */
function envOf(script: string): { env: Record<string, string>; words: string[] } {
  const words = script.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Z_]+=/.test(words[0] ?? "")) {
    const [name, value] = words.shift()!.split("=") as [string, string];
    env[name] = value;
  }
  return { env, words };
}

/** The node options of a package.json script that runs `[ENV=…] node … <file>`. */
function nodeOptionsOf(script: string, file: string): string[] {
  const { words } = envOf(script);
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
    const { words } = envOf(scripts.bench!);
    expect(words[0]).toBe("tsx");
    expect(words.slice(1, 1 + SERVER_NODE_FLAGS.length)).toEqual([...SERVER_NODE_FLAGS]);
  });

  it("come with the server's malloc setting in `npm start`, `npm run serve` and `npm run bench`", () => {
    for (const name of ["start", "serve", "bench"]) expect(envOf(scripts[name]!).env, name).toEqual({ ...SERVER_ENV });
  });

  it("are options this Node.js accepts", async () => {
    const { spawnSync } = await import("node:child_process");
    const result = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, "-e", "process.stdout.write('ok')"], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("ok");
  });
});
