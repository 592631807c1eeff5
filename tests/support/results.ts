import { expect } from "vitest";
import type { ActionFailure, ActionFailureCode, ActionResult } from "@/lib/action-result";

/** The action's data, or a failure that names what came back instead. */
export function expectOk<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new Error(`Expected success, got ${result.code}: ${result.message} ${JSON.stringify(result.fieldErrors ?? {})}`);
  return result.data;
}

/** A refusal with the given code and a message a person can read. */
export function expectFailure(result: ActionResult<unknown>, code: ActionFailureCode): ActionFailure {
  if (result.ok) throw new Error(`Expected ${code}, got success`);
  expect(result.code).toBe(code);
  expect(result.message.length).toBeGreaterThan(0);
  return result;
}

/** A guarded read's DTO; fails the test when the read refused (returned null). */
export function expectFound<T>(value: T | null): T {
  if (value === null) throw new Error("Expected the read to return data, got null");
  return value;
}
