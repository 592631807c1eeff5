import "server-only";
import { notFound } from "next/navigation";
import { parseRouteId } from "@/lib/route-id";

/** For pages: the route's id, or the 404 page for anything that is not one (lib/route-id.ts). */
export function routeIdOr404(raw: string): number {
  const id = parseRouteId(raw);
  if (id === null) notFound();
  return id;
}

/** For pages: a guarded read's DTO, or the 404 page when it is null (not there, or not theirs). */
export function foundOr404<T>(value: T | null): T {
  if (value === null) notFound();
  return value;
}


/**
 * For a Suspense boundary's data: runs `load` once the event loop has had several turns, so the
 * page's frame is rendered and flushed before the read's synchronous SQLite work starts
 * (better-sqlite3 blocks the thread; started at once, the read would hold the frame back until it
 * finished). Next.js passes the shell through a chain of setImmediate tasks (RSC, then HTML, then
 * its buffered transforms), so one timer turn is not enough: a few immediates, then a short timer.
 */
export async function afterFrame<T>(load: () => Promise<T>): Promise<T> {
  for (let turn = 0; turn < FRAME_TURNS; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
  await new Promise<void>((resolve) => setTimeout(resolve, FRAME_FLUSH_MS));
  return load();
}

const FRAME_TURNS = 8;
const FRAME_FLUSH_MS = 10;
