import "server-only";
import { getDb } from "@/db/client";
import type { RankingFilters } from "@/lib/validation/manage";
import { guardedRead } from "../guard";
import { callHeading, requireCall, type CallHeading } from "./call-data";
import { filterOptions, rememberedOptions, type RankingOptions } from "./ranking";
import { rankedCallWithCurrentRows } from "./ranking-memo";

/**
 * What the ranking page shows before the ranking is computed: its heading, navigation and filter
 * form. One call row and the filter choices, never the call's proposals ranked: from the
 * remembered ranking's rows when they are those of now (even if its ranks are behind), else read
 * (json_extract).
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
    if (heading.joint) return { call: heading, filters, options: NO_OPTIONS };
    const remembered = await rankedCallWithCurrentRows(call);
    return { call: heading, filters, options: remembered ? rememberedOptions(remembered) : await filterOptions(db, call.id) };
  },
);
