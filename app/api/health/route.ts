import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { transaction } from "@/db/transaction";
import { errorField, log } from "@/lib/server/log";

export const dynamic = "force-dynamic";

/**
 * For load balancers: 200 when the database can be read and written, 503 otherwise. Says nothing
 * about the data. The write is a one-row upsert in the throttle table under a key no sign-in uses.
 */
export async function GET() {
  const database = { readable: false, writable: false };
  try {
    await getDb().get(sql`select count(*) from __drizzle_migrations`);
    database.readable = true;
    await transaction(async (tx) => {
      await tx.run(
        sql`insert into auth_throttle (key, failures, last_failure_at) values ('health:probe', 0, ${Date.now()})
            on conflict(key) do update set last_failure_at = excluded.last_failure_at`,
      );
    });
    database.writable = true;
  } catch (error) {
    log().error({ err: errorField(error), database }, "health check failed");
  }
  const ok = database.readable && database.writable;
  return Response.json({ status: ok ? "ok" : "unavailable", database }, { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
