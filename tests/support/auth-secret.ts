import { afterAll, beforeAll } from "vitest";

/** The AUTH_SECRET a test file signs its session tokens with. */
export const TEST_AUTH_SECRET = "a-test-secret-of-at-least-thirty-two-characters";

/** Call at the top of a test file: AUTH_SECRET is TEST_AUTH_SECRET for its tests, then restored. */
export function setTestAuthSecret(): void {
  let previous: string | undefined;
  beforeAll(() => {
    previous = process.env.AUTH_SECRET;
    process.env.AUTH_SECRET = TEST_AUTH_SECRET;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.AUTH_SECRET;
    else process.env.AUTH_SECRET = previous;
  });
}
