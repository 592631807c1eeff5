import { xoshiro128ss } from "./prng";

/**
 * The funding lottery among proposals "too close to call" (Heyard et al. 2022: the SNSF's partial
 * randomisation). Anyone can reproduce a draw from the revealed seed and the group:
 *
 * 1. The seed is 32 random bytes, written as 64 hexadecimal characters. Its SHA-256 is recorded
 *    in the audit log before the draw; the seed itself only after.
 * 2. The group is sorted by proposal id, ascending.
 * 3. The PRNG is xoshiro128** (./prng.ts) whose four 32-bit state words are the seed's first 16
 *    bytes read as big-endian unsigned integers.
 * 4. Fisher–Yates shuffle (Durstenfeld): for i from n − 1 down to 1, j = floor(u × (i + 1)) with u
 *    the PRNG's next uniform in [0, 1), then swap positions i and j. The result is the drawn order.
 * 5. Walking the drawn order, a proposal is funded when its grant fits in what is left of the
 *    budget (the call budget minus the grants of proposals in the "fund" zone); one that does not
 *    fit is skipped and goes to the reserve list, and the walk goes on.
 */
export interface LotteryEntry {
  id: number;
  grantRequested: number;
}

export interface LotteryDraw {
  /** Proposal ids in drawn order. */
  order: number[];
  funded: number[];
  reserve: number[];
}

export const SEED_PATTERN = /^[0-9a-f]{64}$/u;

export function lotteryRng(seedHex: string) {
  if (!SEED_PATTERN.test(seedHex)) throw new Error("A lottery seed is 64 lowercase hexadecimal characters");
  const word = (i: number) => Number.parseInt(seedHex.slice(i * 8, i * 8 + 8), 16);
  return xoshiro128ss(word(0), word(1), word(2), word(3));
}

export function drawLottery(seedHex: string, group: readonly LotteryEntry[], remainingBudget: number): LotteryDraw {
  const sorted = [...group].sort((a, b) => a.id - b.id);
  const rng = lotteryRng(seedHex);
  for (let i = sorted.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [sorted[i], sorted[j]] = [sorted[j]!, sorted[i]!];
  }
  const funded: number[] = [];
  const reserve: number[] = [];
  let left = remainingBudget;
  for (const entry of sorted) {
    if (entry.grantRequested <= left) {
      funded.push(entry.id);
      left -= entry.grantRequested;
    } else reserve.push(entry.id);
  }
  return { order: sorted.map((e) => e.id), funded, reserve };
}

/** True when a recorded draw is exactly what the seed and group give. */
export function verifyDraw(seedHex: string, group: readonly LotteryEntry[], remainingBudget: number, recorded: LotteryDraw): boolean {
  const again = drawLottery(seedHex, group, remainingBudget);
  const same = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);
  return same(again.order, recorded.order) && same(again.funded, recorded.funded) && same(again.reserve, recorded.reserve);
}
