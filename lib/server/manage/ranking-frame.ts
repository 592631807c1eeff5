import "server-only";
import { getDb } from "@/db/client";
import type { RankingFilters } from "@/lib/validation/manage";
import { guardedRead } from "../guard";
import { callHeading, requireCall, type CallHeading } from "./call-data";
import { filterOptions, type RankingOptions } from "./ranking";

/**
 * What the ranking page shows before the ranking is computed: its heading, navigation and filter
 * form. One call row and the filter choices (json_extract), never the call's proposals ranked.
 */
export interface RankingFrame {
  call: CallHeading;
  filters: RankingFilters;
  options: RankingOptions;
}

const NO_OPTIONS: RankingOptions = { themes: [], domains: [], countries: [], rdCategories: [] };

export const getRankingFrame = guardedRead(
  "ranking:read",
  async (actor, callId: number, filters: RankingFilters, now: Date = new Date()): Promise<RankingFrame> => {
    const db = getDb();
    const call = await requireCall(db, callId, actor);
    const heading = callHeading(call, now, actor);
    // A joint call's page is the joint view, which has no filter form.
    return { call: heading, filters, options: heading.joint ? NO_OPTIONS : await filterOptions(db, call.id) };
  },
);
