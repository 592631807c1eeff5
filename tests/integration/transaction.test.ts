/**
 * db/transaction.ts against a real SQLite file: commit, rollback, nesting (savepoints), and
 * serialisation of concurrent async transactions on the one connection.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { calls } from "@/db/schema";
import { inTransaction, readTransaction, transaction } from "@/db/transaction";
import { makeCall, setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

const titleOf = async (id: number) => (await getDb().select({ title: calls.title }).from(calls).where(eq(calls.id, id)))[0]?.title;
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("transaction", () => {
  it("commits every write of the callback together, across awaits", async () => {
    const call = makeCall();
    const result = await transaction(async (tx) => {
      await tx.update(calls).set({ title: "first" }).where(eq(calls.id, call.id));
      await tick();
      await tx.update(calls).set({ budget: 42 }).where(eq(calls.id, call.id));
      return "done";
    });
    expect(result).toBe("done");
    const [row] = await getDb().select().from(calls).where(eq(calls.id, call.id));
    expect(row).toMatchObject({ title: "first", budget: 42 });
  });

  it("rolls everything back and rethrows when the callback throws", async () => {
    const call = makeCall({ title: "before" });
    await expect(
      transaction(async (tx) => {
        await tx.update(calls).set({ title: "half-done" }).where(eq(calls.id, call.id));
        await tick();
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await titleOf(call.id)).toBe("before");
  });

  it("lets a nested call join the outer transaction, which then commits or rolls back as one", async () => {
    const call = makeCall({ title: "before" });
    await expect(
      transaction(async (tx) => {
        expect(inTransaction()).toBe(true);
        await transaction(async (inner) => {
          await inner.update(calls).set({ title: "inner" }).where(eq(calls.id, call.id));
        });
        expect(await titleOf(call.id)).toBe("inner");
        await tx.update(calls).set({ budget: 7 }).where(eq(calls.id, call.id));
        throw new Error("outer fails");
      }),
    ).rejects.toThrow("outer fails");
    expect(await titleOf(call.id)).toBe("before");
    expect(inTransaction()).toBe(false);
  });

  it("undoes only a failed nested part when the outer code catches its error", async () => {
    const call = makeCall({ title: "before" });
    await transaction(async (tx) => {
      await tx.update(calls).set({ title: "outer" }).where(eq(calls.id, call.id));
      await transaction(async (inner) => {
        await inner.update(calls).set({ budget: 1 }).where(eq(calls.id, call.id));
        throw new Error("inner fails");
      }).catch(() => undefined);
    });
    const [row] = await getDb().select().from(calls).where(eq(calls.id, call.id));
    expect(row!.title).toBe("outer");
    expect(row!.budget).not.toBe(1);
  });

  it("runs concurrent transactions one after another, never interleaved", async () => {
    const call = makeCall({ budget: 0 });
    const events: string[] = [];
    // Each reads the budget, waits, then writes budget + 1: interleaving would lose increments.
    const increment = (name: string) =>
      transaction(async (tx) => {
        events.push(`${name}:start`);
        const [row] = await tx.select({ budget: calls.budget }).from(calls).where(eq(calls.id, call.id));
        await tick();
        await tx.update(calls).set({ budget: row!.budget + 1 }).where(eq(calls.id, call.id));
        events.push(`${name}:end`);
      });
    await Promise.all([increment("a"), increment("b"), increment("c")]);
    const [row] = await getDb().select({ budget: calls.budget }).from(calls).where(eq(calls.id, call.id));
    expect(row!.budget).toBe(3);
    expect(events).toEqual(["a:start", "a:end", "b:start", "b:end", "c:start", "c:end"]);
  });

  it("keeps serving transactions after one fails", async () => {
    const call = makeCall({ title: "before" });
    const failing = transaction(async () => {
      await tick();
      throw new Error("first fails");
    });
    const next = transaction(async (tx) => {
      await tx.update(calls).set({ title: "after" }).where(eq(calls.id, call.id));
    });
    await expect(failing).rejects.toThrow("first fails");
    await next;
    expect(await titleOf(call.id)).toBe("after");
  });
});

describe("readTransaction", () => {
  it("waits for another request's open transaction and reads what it committed, never its rows half-way", async () => {
    const call = makeCall({ title: "before" });
    let finishWrite = () => {};
    const writeMayFinish = new Promise<void>((resolve) => (finishWrite = resolve));
    const write = transaction(async (tx) => {
      await tx.update(calls).set({ title: "written" }).where(eq(calls.id, call.id));
      await writeMayFinish;
      await tx.update(calls).set({ budget: 99 }).where(eq(calls.id, call.id));
    });
    await tick();
    const read = readTransaction(async (db) => (await db.select({ title: calls.title, budget: calls.budget }).from(calls).where(eq(calls.id, call.id)))[0]);
    await tick();
    finishWrite();
    await write;
    expect(await read).toEqual({ title: "written", budget: 99 });
  });

  it("reads nothing of a transaction that rolls back", async () => {
    const call = makeCall({ title: "before" });
    const write = transaction(async (tx) => {
      await tx.update(calls).set({ title: "rolled back" }).where(eq(calls.id, call.id));
      await tick();
      throw new Error("boom");
    });
    const read = readTransaction(async () => await titleOf(call.id));
    await expect(write).rejects.toThrow("boom");
    expect(await read).toBe("before");
  });

  it("holds back a transaction that starts while it reads, so its reads see one state", async () => {
    const call = makeCall({ title: "before" });
    let secondRead = () => {};
    const mayReadAgain = new Promise<void>((resolve) => (secondRead = resolve));
    const read = readTransaction(async () => {
      const first = await titleOf(call.id);
      await mayReadAgain;
      return [first, await titleOf(call.id)];
    });
    await tick();
    // Another request's write, started while the read is half-way.
    const write = transaction(async (tx) => {
      await tx.update(calls).set({ title: "after" }).where(eq(calls.id, call.id));
    });
    await tick();
    secondRead();
    expect(await read).toEqual(["before", "before"]);
    await write;
    expect(await titleOf(call.id)).toBe("after");
  });

  it("returns null inside a transaction, and refuses a write inside a read", async () => {
    const call = makeCall({ title: "before" });
    expect(await transaction(async () => await readTransaction(async () => "read"))).toBeNull();
    await expect(
      readTransaction(async () => {
        await transaction(async (tx) => {
          await tx.update(calls).set({ title: "written in a read" }).where(eq(calls.id, call.id));
        });
      }),
    ).rejects.toThrow("a read must not write");
    expect(await titleOf(call.id)).toBe("before");
    expect(inTransaction()).toBe(false);
  });
});
