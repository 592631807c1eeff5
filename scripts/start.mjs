#!/usr/bin/env node
// `npm start`: build when the build is missing or older than the source, prepare the database
// (migrations + demo data when empty), make sure an auth secret exists, then serve.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { buildIsCurrent } from "./build-freshness.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);

function run(cmd, args) {
  const result = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function ensureAuthSecret() {
  if (process.env.AUTH_SECRET) return;
  if (process.env.NODE_ENV === "production") {
    console.error("AUTH_SECRET must be set when NODE_ENV=production. Refusing to start with a generated secret.");
    process.exit(1);
  }
  const file = path.join("data", "auth-secret");
  fs.mkdirSync("data", { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
  process.env.AUTH_SECRET = fs.readFileSync(file, "utf8").trim();
  console.log(`No AUTH_SECRET set: using the local secret in ${file} (for local use only).`);
}

if (process.env.SKIP_BUILD !== "1" && !buildIsCurrent(root)) {
  console.log("Building Tandem…");
  run("npx", ["next", "build"]);
}

ensureAuthSecret();
run("npx", ["tsx", "db/prepare.ts"]);

const port = process.env.PORT ?? "3000";
console.log(`Tandem is starting on http://localhost:${port}`);
// Served in this process, so SIGTERM reaches the server directly (graceful shutdown).
await import("./server.mjs");
