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

