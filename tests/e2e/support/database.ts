import path from "node:path";

/** The e2e server's database file in the run's data directory (see playwright.config.ts). */
export function e2eDatabasePath(dataDir = process.env.TANDEM_E2E_DATA_DIR): string {
  if (!dataDir) throw new Error("TANDEM_E2E_DATA_DIR is not set: run the spec through Playwright (npm run test:e2e)");
  return path.join(dataDir, "e2e.db");
}
