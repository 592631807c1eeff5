#!/usr/bin/env node
// Tandem's production server: Next.js's request handler behind a plain Node HTTP server, so that
// - every request gets an id (and a JSON log line with its status and duration);
// - the client's address reaches the app in a header the client cannot forge (for throttling);
// - X-Forwarded-Host/-Proto/-Port are honoured only when the deployment says a proxy sets them
//   (AUTH_TRUST_HOST=true or AUTH_URL set); otherwise a forged header is dropped;
// - SIGTERM stops taking new connections, lets requests in flight finish, checkpoints the WAL and
//   closes the database before exiting.
// Run by `npm start` (scripts/start.mjs) after the build and the database are ready.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import http from "node:http";
import path from "node:path";
import fs from "node:fs";
import next from "next";
import pino from "pino";
import { loggerOptions } from "../lib/log-options.mjs";
import { databasePath, serverPidFile } from "./db-files.mjs";
import { SERVER_ENV, SERVER_NODE_FLAGS } from "./server-flags.mjs";
import { loggablePath, requestPolicy, sanitiseHeaders, servedOverHttps } from "./request-policy.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
process.env.NODE_ENV = "production";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";
const SHUTDOWN_GRACE_MS = Number(process.env.SHUTDOWN_GRACE_MS ?? 10_000);
const policy = requestPolicy(process.env);
const { trustForwardedHost, trustProxy } = policy;

// The app's lib/server/log.ts reuses this logger, so its redaction must be set here.
const logger = pino(loggerOptions(process.env.LOG_LEVEL));
globalThis.__tandemLogger = logger;
const context = (globalThis.__tandemRequestContext ??= new AsyncLocalStorage());
const missingFlags = SERVER_NODE_FLAGS.filter((flag) => !process.execArgv.includes(flag));
if (missingFlags.length > 0) logger.warn({ missingFlags }, "started without Tandem's V8 options (scripts/server-flags.mjs): memory will peak higher");
const missingEnv = Object.keys(SERVER_ENV).filter((name) => process.env[name] !== SERVER_ENV[name]);
if (missingEnv.length > 0) logger.warn({ missingEnv }, "started without Tandem's malloc setting (SERVER_ENV in scripts/server-flags.mjs): memory will stay higher after big jobs");

const app = next({ dev: false, dir: root, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

let inFlight = 0;
let closing = false;

const server = http.createServer((req, res) => {
  const started = process.hrtime.bigint();
  const requestId = randomUUID();
  inFlight++;
  sanitiseHeaders(req.headers, req.socket.remoteAddress, policy);
  req.headers["x-request-id"] = requestId;
  res.setHeader("X-Request-Id", requestId);
  if (servedOverHttps(req.headers, policy)) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  if (closing) res.setHeader("Connection", "close");
  const store = { requestId };
  res.on("close", () => {
    inFlight--;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const line = { reqId: requestId, method: req.method, path: loggablePath(req.url), status: res.statusCode, ms: Math.round(ms * 10) / 10 };
    if (store.userId !== undefined) line.userId = store.userId;
    if (res.statusCode >= 500) logger.error(line, "request failed");
    else logger.info(line, "request");
  });
  context.run(store, () => {
    handle(req, res).catch((error) => {
      logger.error({ reqId: requestId, err: { name: error?.name, message: error?.message, stack: error?.stack } }, "unhandled request error");
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end("Internal Server Error");
      }
    });
  });
});
server.keepAliveTimeout = 65_000;

const pidFile = serverPidFile(databasePath());
server.listen(port, hostname, () => {
  // `npm run restore` refuses while this file names a live process.
  fs.mkdirSync(path.dirname(pidFile), { recursive: true });
  fs.writeFileSync(pidFile, String(process.pid));
  logger.info({ port, hostname, trustForwardedHost, trustProxy }, "Tandem is serving");
});

function closeDatabase() {
  const connection = globalThis.tandemDb;
  if (!connection) return;
  try {
    connection.sqlite.pragma("wal_checkpoint(TRUNCATE)");
    connection.sqlite.close();
    globalThis.tandemDb = undefined;
    logger.info("database checkpointed and closed");
  } catch (error) {
    logger.error({ err: { name: error?.name, message: error?.message } }, "could not checkpoint the database");
  }
}

async function shutdown(signal) {
  if (closing) return;
  closing = true;
  logger.info({ signal, inFlight }, "shutting down: no new connections, finishing requests in flight");
  server.close();
  server.closeIdleConnections();
  const deadline = Date.now() + SHUTDOWN_GRACE_MS;
  while (inFlight > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    server.closeIdleConnections();
  }
  if (inFlight > 0) logger.warn({ inFlight }, "grace period over with requests still running");
  server.closeAllConnections();
  closeDatabase();
  fs.rmSync(pidFile, { force: true });
  logger.flush?.();
  process.exit(0);
}

process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
