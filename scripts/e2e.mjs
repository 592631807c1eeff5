#!/usr/bin/env node
// Browser tests run against the production build, on a fresh temporary database.
import { spawnSync } from "node:child_process";

const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run("npx", ["next", "build"]);
run("npx", ["playwright", "test", ...process.argv.slice(2)]);
