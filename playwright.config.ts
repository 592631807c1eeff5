import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { e2eDatabasePath } from "./tests/e2e/support/database";
import { SERVER_ENV, SERVER_NODE_FLAGS } from "./scripts/server-flags.mjs";

const port = Number(process.env.E2E_PORT ?? 3100);
// Set once in the runner and inherited by its workers, so a spec can reach the server's database
// (tests/e2e/support/large-call.ts writes a large call into it).
const dataDir = (process.env.TANDEM_E2E_DATA_DIR ??= path.join(os.tmpdir(), `tandem-e2e-${process.pid}`));

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  // Generous: axe analysis and the production server share two cores with the browser in CI.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium, never a downloaded browser.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
    },
  },
  webServer: {
    command: `node ${SERVER_NODE_FLAGS.join(" ")} scripts/start.mjs`,
    url: `http://localhost:${port}/signin`,
    timeout: 240_000,
    reuseExistingServer: false,
    env: {
      ...SERVER_ENV,
      PORT: String(port),
      DATABASE_PATH: e2eDatabasePath(dataDir),
      AUTH_SECRET: "e2e-secret-not-for-production-use-0123456789",
      SKIP_BUILD: "1",
    },
  },
});
