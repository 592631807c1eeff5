/**
 * The seeded pseudo-random number generator used by the calibration model, its bootstrap and the
 * lottery: xoshiro128** 1.1 (Blackman & Vigna, "Scrambled linear pseudorandom number
 * generators", ACM TOMS 2021; reference C at https://prng.di.unimi.it/xoshiro128starstar.c).
 * 128-bit state of four 32-bit words, period 2^128 − 1. The same seed always gives the same
 * sequence on any JavaScript engine (only 32-bit integer operations are used).
 *
 * Seeding from a number: the four state words are the first four outputs of SplitMix32
 * (a 32-bit variant of Steele, Lea & Flood's SplitMix) from that number.
 * A uniform double in [0, 1) is the next 32-bit output divided by 2^32.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Next raw 32-bit output (unsigned). */
  nextUint32(): number;
}

export function xoshiro128ss(a: number, b: number, c: number, d: number): Rng {
  let s0 = a >>> 0;
  let s1 = b >>> 0;
  let s2 = c >>> 0;
  let s3 = d >>> 0;
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is forbidden
  const nextUint32 = () => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  return { nextUint32, next: () => nextUint32() / 4294967296 };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** SplitMix32: a simple generator used only to spread a small seed over xoshiro's state. */
function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** xoshiro128** seeded from a 32-bit number through SplitMix32. */
export function seededRng(seed: number): Rng {
  const sm = splitmix32(seed);
  return xoshiro128ss(sm(), sm(), sm(), sm());
}

/** A standard normal draw (Marsaglia's polar method). */
export function normal(rng: Rng): number {
  for (;;) {
    const u = 2 * rng.next() - 1;
    const v = 2 * rng.next() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/** A Gamma(shape, 1) draw (Marsaglia & Tsang, ACM TOMS 26(3), 2000); shape > 0. */
export function gamma(rng: Rng, shape: number): number {
  if (shape < 1) {
    // Boost: Gamma(a) = Gamma(a + 1) · U^(1/a).
    const u = rng.next() || Number.MIN_VALUE;
    return gamma(rng, shape + 1) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u || Number.MIN_VALUE) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** An inverse-gamma(shape, scale) draw: scale / Gamma(shape, 1). */
export function inverseGamma(rng: Rng, shape: number, scale: number): number {
  return scale / gamma(rng, shape);
}

/** A uniform integer in [0, n). */
export function uniformInt(rng: Rng, n: number): number {
  return Math.floor(rng.next() * n);
}

/**
 * The ziggurat tables for `FastRng.normal`: Doornik's ZIGNOR with 128 layers (Doornik, "An
 * improved ziggurat method to generate normal random samples", 2005, which corrects Marsaglia &
 * Tsang, "The ziggurat method for generating random variables", Journal of Statistical Software
 * 5(8), 2000). ZIG_X[i] is the right edge of layer i (ZIG_X[0] = V / f(R) is the base layer's
 * virtual width, ZIG_X[1] = R, ZIG_X[128] = 0), ZIG_RATIO[i] = ZIG_X[i + 1] / ZIG_X[i].
 */
const ZIG_LAYERS = 128;
const ZIG_R = 3.442619855899;
const ZIG_V = 9.91256303526217e-3;
const ZIG_X = new Float64Array(ZIG_LAYERS + 1);
const ZIG_RATIO = new Float64Array(ZIG_LAYERS);
/** The fast path in integers: |w| < ZIG_K[i] accepts w · ZIG_W[i], w the odd integer 2m + 1 − 2²⁵ (see FastRng.normal). */
const ZIG_K = new Float64Array(ZIG_LAYERS);
const ZIG_W = new Float64Array(ZIG_LAYERS);
{
  let f = Math.exp(-0.5 * ZIG_R * ZIG_R);
  ZIG_X[0] = ZIG_V / f;
  ZIG_X[1] = ZIG_R;
  ZIG_X[ZIG_LAYERS] = 0;
  for (let i = 2; i < ZIG_LAYERS; i++) {
    ZIG_X[i] = Math.sqrt(-2 * Math.log(ZIG_V / ZIG_X[i - 1]! + f));
    f = Math.exp(-0.5 * ZIG_X[i]! * ZIG_X[i]!);
  }
  for (let i = 0; i < ZIG_LAYERS; i++) {
    ZIG_RATIO[i] = ZIG_X[i + 1]! / ZIG_X[i]!;
    ZIG_K[i] = ZIG_RATIO[i]! * 33554432;
    ZIG_W[i] = ZIG_X[i]! / 33554432;
  }
}

/**
 * The same xoshiro128** stream as `seededRng(seed)`, as a class with its state in fields, for the
 * sampler's hot loops. `normal()` is the ziggurat (see ZIG_X): one 32-bit output gives the layer
 * (its low 7 bits) and, from its other 25 bits, a uniform u in (−1, 1) on a grid of 2⁻²⁴ (so the
 * layer and u use separate bits, as Doornik requires). About 99 % of draws return u · x at once;
 * the rest take the exact wedge or tail test with further uniforms. Several times faster than the
 * polar method (which needs a logarithm and a square root per pair), and exact up to the grid.
 */
export class FastRng implements Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    const sm = splitmix32(seed);
    this.s0 = sm() | 0;
    this.s1 = sm() | 0;
    this.s2 = sm() | 0;
    this.s3 = sm() | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A standard normal draw (ziggurat, see above). Kept small so that it inlines; the rare rest is `normalSlow`. */
  normal(): number {
    const bits = this.nextUint32();
    const i = bits & 0x7f;
    // bits >>> 7 is uniform on 0 … 2²⁵ − 1, so w = 2(bits >>> 7) + 1 − 2²⁵ is an odd integer,
    // symmetric in (−2²⁵, 2²⁵), and u = w / 2²⁵ is uniform in (−1, 1) on a grid of 2⁻²⁴.
    const w = (bits >>> 7) * 2 - 33554431;
    if (Math.abs(w) < ZIG_K[i]!) return w * ZIG_W[i]!;
    return this.normalSlow(i, w / 33554432);
  }

  /** The wedge test of layer i, or the tail for the base layer; on rejection, new draws. */
  private normalSlow(layer: number, uniform: number): number {
    let i = layer;
    let u = uniform;
    for (;;) {
      if (Math.abs(u) < ZIG_RATIO[i]!) return u * ZIG_X[i]!;
      if (i === 0) return this.normalTail(u < 0);
      const x = u * ZIG_X[i]!;
      const xi = ZIG_X[i]!;
      const xi1 = ZIG_X[i + 1]!;
      const f0 = Math.exp(-0.5 * (xi * xi - x * x)); // f(x_i) / f(x)
      const f1 = Math.exp(-0.5 * (xi1 * xi1 - x * x)); // f(x_{i+1}) / f(x)
      if (f1 + this.next() * (f0 - f1) < 1) return x;
      const bits = this.nextUint32();
      i = bits & 0x7f;
      u = ((bits >>> 7) * 2 - 33554431) / 33554432;
    }
  }

  /** The normal's tail beyond ZIG_R (Marsaglia, Technometrics 6(1), 1964, as in ZIGNOR). */
  private normalTail(negative: boolean): number {
    for (;;) {
      const x = Math.log(1 - this.next()) / ZIG_R;
      const y = Math.log(1 - this.next());
      if (-2 * y >= x * x) return negative ? x - ZIG_R : ZIG_R - x;
    }
  }
}
