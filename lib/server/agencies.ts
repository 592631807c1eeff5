import "server-only";
import { sql } from "drizzle-orm";
import { agencies } from "@/db/schema";

/** The home agency's id, as a subquery (there is exactly one home agency; the migration creates it). */
export const homeAgencyIdSql = sql`(select ${agencies.id} from ${agencies} where ${agencies.kind} = 'home')`;
