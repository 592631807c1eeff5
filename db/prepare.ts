/**
 * Run by `npm start` before the server starts: opens the database (which applies the committed
 * migrations) and seeds demo data when it is empty (see shouldSeedDemoData).
 */
import { closeDb, databasePath, getDb } from "./client";
import { seedDemoData, shouldSeedDemoData } from "./seed";

async function main() {
  const db = getDb();
  const decision = shouldSeedDemoData(process.env);
  if (decision.warning) console.warn(decision.warning);
  const seeded = decision.seed ? await seedDemoData(db) : false;
  console.log(`Database ready at ${databasePath()}${seeded ? " (demo data added)" : ""}`);
  closeDb();
}

main().catch((error: unknown) => {
  console.error("Could not prepare the database", error);
  process.exit(1);
});
