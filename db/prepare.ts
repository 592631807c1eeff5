/**
 * Run by `npm start` before the server starts: opens the database (which applies the committed
 * migrations) and seeds demo data when it is empty, unless SEED_DEMO_DATA=false.
 */
import { closeDb, databasePath, getDb } from "./client";
import { seedDemoData } from "./seed";

async function main() {
  const db = getDb();
  const seeded = process.env.SEED_DEMO_DATA === "false" ? false : await seedDemoData(db);
  console.log(`Database ready at ${databasePath()}${seeded ? " (demo data added)" : ""}`);
  closeDb();
}

main().catch((error: unknown) => {
  console.error("Could not prepare the database", error);
  process.exit(1);
});
