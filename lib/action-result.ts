/** The one result shape every server action returns (see lib/server/action.ts). */
export type ActionFailureCode =
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "invalid"
  | "conflict"
  | "closed"
  | "locked"
  | "throttled"
  | "error";

export interface ActionFailure {
  ok: false;
  code: ActionFailureCode;
  message: string;
  /** Messages keyed by the field's dotted path, e.g. "consortium.partners.0.country". */
  fieldErrors?: Record<string, string>;
}

export type ActionResult<T = undefined> = { ok: true; data: T } | ActionFailure;
