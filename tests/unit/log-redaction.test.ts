import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { loggerOptions } from "@/lib/log-options.mjs";

/** The server's logger (scripts/server.mjs) and the app's (lib/server/log.ts) share these options. */
function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino(loggerOptions("info"), sink), lines };
}

describe("log redaction", () => {
  it("never writes a password, a token or answer text, at the top level or one level down", () => {
    const { logger, lines } = capture();
    logger.info({ password: "hunter2-hunter2", input: { token: "tok-123456", answers: { project: { title: "Secret plan" } }, values: { scores: { a: "7" } } } }, "x");
    logger.error({ action: "proposal.save-draft", confirmPassword: "hunter2-hunter2", req: { headers: { cookie: "authjs.session-token=abc", authorization: "Bearer abc" } } }, "y");
    const text = lines.join("");
    for (const secret of ["hunter2", "tok-123456", "Secret plan", "authjs.session-token", "Bearer abc", '"7"']) expect(text).not.toContain(secret);
    expect(text).toContain("[redacted]");
    expect(text).toContain("proposal.save-draft");
  });

  it("is JSON lines with the app's name and the level it was given", () => {
    const { logger, lines } = capture();
    logger.debug("hidden at info");
    logger.info({ reqId: "r-1", userId: 7 }, "request");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ app: "tandem", reqId: "r-1", userId: 7, msg: "request" });
  });
});
