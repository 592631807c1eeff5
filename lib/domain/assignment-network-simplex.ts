/**
 * Minimum-cost flow by the primal network simplex method, for automatic assignment
 * (assignment-flow.ts). Pure TypeScript on typed arrays, no dependencies.
 *
 * Method: Ahuja, Magnanti & Orlin, "Network Flows" (1993), ch. 11, with the implementation
 * choices of LEMON's NetworkSimplex (Király & Kovács, "Efficient implementations of minimum-cost
 * flow algorithms", Acta Univ. Sapientiae, Informatica 4(1), 2012), reimplemented here:
 * - the spanning-tree basis is stored as parent / predecessor arc / thread (preorder) / reverse
 *   thread / subtree size / last successor per node, so a pivot only touches the moved subtree;
 * - the start is an artificial root joined to every node by an artificial arc (big-M cost on the
 *   arcs that carry demand); the problem is infeasible when an artificial arc still carries flow
 *   at the optimum;
 * - the leaving arc is chosen so the tree stays strongly feasible (Cunningham, "A network simplex
 *   method", Math. Programming 11, 1976), which prevents cycling on degenerate pivots (assignment
 *   problems are highly degenerate);
 * - block search pivot rule: scan blocks of about √m arcs, enter the most negative reduced cost of
 *   the first block that has one.
 *
 * Arcs can be added after a solve (column generation): they start at their lower bound 0, the
 * tree stays a basis, and `solve()` goes on from the previous optimum. All quantities are
 * integers; costs and potentials are held in doubles and stay exact below 2^53.
 */

/** A capacity that never limits (arcs from an assessor to the sink with no maximum). */
export const UNLIMITED = 0x3fffffff;

const STATE_UPPER = -1;
const STATE_TREE = 0;
const STATE_LOWER = 1;
const DIR_UP = 1;
const DIR_DOWN = -1;

export type NetworkStatus = "optimal" | "infeasible" | "unbounded";

/** Thrown out of `solve` once its deadline has passed. */
export class DeadlineError extends Error {
  constructor() {
    super("The network simplex ran out of time");
    this.name = "DeadlineError";
  }
}

export class NetworkSimplex {
  /** Real nodes; node `nodes` is the artificial root. Arc u (u < nodes) is node u's artificial arc. */
  readonly nodes: number;
  private arcCount: number;
  private source: Int32Array;
  private target: Int32Array;
  private cap: Int32Array;
  private cost: Float64Array;
  private flowOf: Int32Array;
  private state: Int8Array;

  private readonly pi: Float64Array;
  private readonly parent: Int32Array;
  private readonly pred: Int32Array;
  private readonly predDir: Int8Array;
  private readonly thread: Int32Array;
  private readonly revThread: Int32Array;
  private readonly succNum: Int32Array;
  private readonly lastSucc: Int32Array;
  private readonly dirtyRevs: Int32Array;

  private nextArc: number;
  /** Pivots done so far (for the caller's statistics). */
  pivots = 0;

  // The current pivot.
  private inArc = -1;
  private join = -1;
  private uIn = -1;
  private vIn = -1;
  private uOut = -1;
  private delta = 0;

  /**
   * `supply[u]` > 0 for a node that sends flow, < 0 for one that receives it; they must sum to 0.
   * `maxArcCost` bounds the cost of every arc that will ever be added (it sets the big-M).
   */
  constructor(supply: ArrayLike<number>, maxArcCost: number, expectedArcs = 1024) {
    const n = supply.length;
    this.nodes = n;
    let sum = 0;
    for (let u = 0; u < n; u++) sum += supply[u]!;
    if (sum !== 0) throw new Error(`network simplex: supplies sum to ${sum}, not 0`);
    const capacity = n + Math.max(16, expectedArcs);
    this.source = new Int32Array(capacity);
    this.target = new Int32Array(capacity);
    this.cap = new Int32Array(capacity);
    this.cost = new Float64Array(capacity);
    this.flowOf = new Int32Array(capacity);
    this.state = new Int8Array(capacity);
    this.pi = new Float64Array(n + 1);
    this.parent = new Int32Array(n + 1);
    this.pred = new Int32Array(n + 1);
    this.predDir = new Int8Array(n + 1);
    this.thread = new Int32Array(n + 1);
    this.revThread = new Int32Array(n + 1);
    this.succNum = new Int32Array(n + 1);
    this.lastSucc = new Int32Array(n + 1);
    this.dirtyRevs = new Int32Array(n + 1);

    // Any path's cost is below (max cost + 1) · nodes, so an artificial arc is never worth using
    // when a real route exists.
    const artificial = (Math.max(0, maxArcCost) + 1) * (n + 1);
    const root = n;
    this.parent[root] = -1;
    this.pred[root] = -1;
    this.thread[root] = 0;
    this.revThread[0] = root;
    this.succNum[root] = n + 1;
    this.lastSucc[root] = root - 1;
    this.pi[root] = 0;
    for (let u = 0; u < n; u++) {
      const e = u;
      this.parent[u] = root;
      this.pred[u] = e;
      this.thread[u] = u + 1;
      this.revThread[u + 1] = u;
      this.succNum[u] = 1;
      this.lastSucc[u] = u;
      this.cap[e] = UNLIMITED;
      this.state[e] = STATE_TREE;
      if (supply[u]! >= 0) {
        this.predDir[u] = DIR_UP;
        this.pi[u] = 0;
        this.source[e] = u;
        this.target[e] = root;
        this.flowOf[e] = supply[u]!;
        this.cost[e] = 0;
      } else {
        this.predDir[u] = DIR_DOWN;
        this.pi[u] = artificial;
        this.source[e] = root;
        this.target[e] = u;
        this.flowOf[e] = -supply[u]!;
        this.cost[e] = artificial;
      }
    }
    this.arcCount = n;
    this.nextArc = n;
  }

  /** Real arcs added so far. */
  get arcs(): number {
    return this.arcCount - this.nodes;
  }

  /** Adds an arc with flow 0 (at its lower bound); returns its id (0-based among real arcs). */
  addArc(from: number, to: number, capacity: number, cost: number): number {
    if (this.arcCount === this.source.length) this.grow();
    const e = this.arcCount++;
    this.source[e] = from;
    this.target[e] = to;
    this.cap[e] = Math.min(capacity, UNLIMITED);
    this.cost[e] = cost;
    this.flowOf[e] = 0;
    this.state[e] = STATE_LOWER;
    return e - this.nodes;
  }

  private grow(): void {
    const size = this.source.length * 2;
    const copy = <T extends Int32Array | Float64Array | Int8Array>(from: T, make: (n: number) => T): T => {
      const to = make(size);
      to.set(from);
      return to;
    };
    this.source = copy(this.source, (n) => new Int32Array(n));
    this.target = copy(this.target, (n) => new Int32Array(n));
    this.cap = copy(this.cap, (n) => new Int32Array(n));
    this.cost = copy(this.cost, (n) => new Float64Array(n));
    this.flowOf = copy(this.flowOf, (n) => new Int32Array(n));
    this.state = copy(this.state, (n) => new Int8Array(n));
  }

  /** Flow on a real arc (id from `addArc`). */
  flow(arc: number): number {
    return this.flowOf[arc + this.nodes]!;
  }

  /** Σ cost · flow over the real arcs. */
  totalCost(): number {
    let total = 0;
    for (let e = this.nodes; e < this.arcCount; e++) total += this.cost[e]! * this.flowOf[e]!;
    return total;
  }

  /**
   * Node potentials (the dual values): at the optimum every real arc's reduced cost
   * cost + π(from) − π(to) is ≥ 0 at flow 0, 0 in the tree and ≤ 0 at capacity.
   */
  potential(node: number): number {
    return this.pi[node]!;
  }

  /**
   * Pivots to the optimum over the arcs added so far. `deadline` (a `performance.now()` time) is
   * checked at the start and every 256 pivots; past it, DeadlineError.
   */
  solve(deadline = Number.POSITIVE_INFINITY): NetworkStatus {
    if (performance.now() > deadline) throw new DeadlineError();
    const searchable = this.arcCount - this.nodes;
    const blockSize = Math.max(10, Math.floor(Math.sqrt(searchable)));
    if (this.nextArc >= this.arcCount) this.nextArc = this.nodes;
    let count = 0;
    while (this.findEnteringArc(blockSize)) {
      if ((++count & 255) === 0 && performance.now() > deadline) throw new DeadlineError();
      this.findJoinNode();
      const change = this.findLeavingArc();
      if (this.delta >= UNLIMITED) return "unbounded";
      this.changeFlow(change);
      if (change) {
        this.updateTreeStructure();
        this.updatePotential();
      }
    }
    this.pivots += count;
    for (let e = 0; e < this.nodes; e++) if (this.flowOf[e] !== 0) return "infeasible";
    return "optimal";
  }

  private findEnteringArc(blockSize: number): boolean {
    // Locals for the hot loop: reduced cost = state · (cost + π(from) − π(to)); negative = improving.
    const { state, cost, pi, source, target } = this;
    const first = this.nodes;
    const end = this.arcCount;
    let min = 0;
    let best = -1;
    let cnt = blockSize;
    let e = this.nextArc;
    for (let scanned = first; scanned < end; scanned++) {
      const c = state[e]! * (cost[e]! + pi[source[e]!]! - pi[target[e]!]!);
      if (c < min) {
        min = c;
        best = e;
      }
      if (++e === end) e = first;
      if (--cnt === 0) {
        if (min < 0) break;
        cnt = blockSize;
      }
    }
    if (min >= 0) return false;
    this.inArc = best;
    this.nextArc = e;
    return true;
  }

  private findJoinNode(): void {
    let u = this.source[this.inArc]!;
    let v = this.target[this.inArc]!;
    while (u !== v) {
      if (this.succNum[u]! < this.succNum[v]!) u = this.parent[u]!;
      else v = this.parent[v]!;
    }
    this.join = u;
  }

  /** The leaving arc of the cycle (the last blocking one, for a strongly feasible tree); false when the entering arc itself blocks. */
  private findLeavingArc(): boolean {
    const inArc = this.inArc;
    let first: number;
    let second: number;
    if (this.state[inArc] === STATE_LOWER) {
      first = this.source[inArc]!;
      second = this.target[inArc]!;
    } else {
      first = this.target[inArc]!;
      second = this.source[inArc]!;
    }
    this.delta = this.cap[inArc]!;
    let result = 0;
    for (let u = first; u !== this.join; u = this.parent[u]!) {
      const e = this.pred[u]!;
      let d = this.flowOf[e]!;
      if (this.predDir[u] === DIR_DOWN) {
        const c = this.cap[e]!;
        d = c >= UNLIMITED ? UNLIMITED : c - d;
      }
      if (d < this.delta) {
        this.delta = d;
        this.uOut = u;
        result = 1;
      }
    }
    for (let u = second; u !== this.join; u = this.parent[u]!) {
      const e = this.pred[u]!;
      let d = this.flowOf[e]!;
      if (this.predDir[u] === DIR_UP) {
        const c = this.cap[e]!;
        d = c >= UNLIMITED ? UNLIMITED : c - d;
      }
      if (d <= this.delta) {
        this.delta = d;
        this.uOut = u;
        result = 2;
      }
    }
    if (result === 1) {
      this.uIn = first;
      this.vIn = second;
    } else {
      this.uIn = second;
      this.vIn = first;
    }
    return result !== 0;
  }

  private changeFlow(change: boolean): void {
    const inArc = this.inArc;
    if (this.delta > 0) {
      const val = this.state[inArc]! * this.delta;
      this.flowOf[inArc]! += val;
      for (let u = this.source[inArc]!; u !== this.join; u = this.parent[u]!) this.flowOf[this.pred[u]!]! -= this.predDir[u]! * val;
      for (let u = this.target[inArc]!; u !== this.join; u = this.parent[u]!) this.flowOf[this.pred[u]!]! += this.predDir[u]! * val;
    }
    if (change) {
      this.state[inArc] = STATE_TREE;
      const out = this.pred[this.uOut]!;
      this.state[out] = this.flowOf[out] === 0 ? STATE_LOWER : STATE_UPPER;
    } else {
      this.state[inArc] = -this.state[inArc]! as -1 | 1;
    }
  }

  /** Moves the subtree below the leaving arc under the entering arc (thread order, sizes, last successors). */
  private updateTreeStructure(): void {
    const { parent, thread, revThread, succNum, lastSucc, pred, predDir } = this;
    const uIn = this.uIn;
    const vIn = this.vIn;
    const uOut = this.uOut;
    const join = this.join;
    const inArc = this.inArc;
    const oldRevThread = revThread[uOut]!;
    const oldSuccNum = succNum[uOut]!;
    const oldLastSucc = lastSucc[uOut]!;
    const vOut = parent[uOut]!;

    if (uIn === uOut) {
      parent[uIn] = vIn;
      pred[uIn] = inArc;
      predDir[uIn] = uIn === this.source[inArc] ? DIR_UP : DIR_DOWN;
      if (thread[vIn] !== uOut) {
        let after = thread[oldLastSucc]!;
        thread[oldRevThread] = after;
        revThread[after] = oldRevThread;
        after = thread[vIn]!;
        thread[vIn] = uOut;
        revThread[uOut] = vIn;
        thread[oldLastSucc] = after;
        revThread[after] = oldLastSucc;
      }
    } else {
      const threadContinue = oldRevThread === vIn ? thread[oldLastSucc]! : thread[vIn]!;
      let stem = uIn;
      let parStem = vIn;
      let last = lastSucc[uIn]!;
      let after = thread[last]!;
      thread[vIn] = uIn;
      let dirty = 0;
      this.dirtyRevs[dirty++] = vIn;
      while (stem !== uOut) {
        const nextStem = parent[stem]!;
        thread[last] = nextStem;
        this.dirtyRevs[dirty++] = last;
        const before = revThread[stem]!;
        thread[before] = after;
        revThread[after] = before;
        parent[stem] = parStem;
        parStem = stem;
        stem = nextStem;
        last = lastSucc[stem] === lastSucc[parStem] ? revThread[parStem]! : lastSucc[stem]!;
        after = thread[last]!;
      }
      parent[uOut] = parStem;
      thread[last] = threadContinue;
      revThread[threadContinue] = last;
      lastSucc[uOut] = last;
      if (oldRevThread !== vIn) {
        thread[oldRevThread] = after;
        revThread[after] = oldRevThread;
      }
      for (let i = 0; i < dirty; i++) {
        const u = this.dirtyRevs[i]!;
        revThread[thread[u]!] = u;
      }
      let tmpSc = 0;
      const tmpLs = lastSucc[uOut]!;
      for (let u = uOut, p = parent[u]!; u !== uIn; u = p, p = parent[u]!) {
        pred[u] = pred[p]!;
        predDir[u] = -predDir[p]! as -1 | 1;
        tmpSc += succNum[u]! - succNum[p]!;
        succNum[u] = tmpSc;
        lastSucc[p] = tmpLs;
      }
      pred[uIn] = inArc;
      predDir[uIn] = uIn === this.source[inArc] ? DIR_UP : DIR_DOWN;
      succNum[uIn] = oldSuccNum;
    }

    const upLimitOut = lastSucc[join] === vIn ? join : -1;
    const lastSuccOut = lastSucc[uOut]!;
    for (let u = vIn; u !== -1 && lastSucc[u] === vIn; u = parent[u]!) lastSucc[u] = lastSuccOut;
    if (join !== oldRevThread && vIn !== oldRevThread) {
      for (let u = vOut; u !== upLimitOut && lastSucc[u] === oldLastSucc; u = parent[u]!) lastSucc[u] = oldRevThread;
    } else if (lastSuccOut !== oldLastSucc) {
      for (let u = vOut; u !== upLimitOut && lastSucc[u] === oldLastSucc; u = parent[u]!) lastSucc[u] = lastSuccOut;
    }
    for (let u = vIn; u !== join; u = parent[u]!) succNum[u]! += oldSuccNum;
    for (let u = vOut; u !== join; u = parent[u]!) succNum[u]! -= oldSuccNum;
  }

  private updatePotential(): void {
    const uIn = this.uIn;
    const sigma = this.pi[this.vIn]! - this.pi[uIn]! - this.predDir[uIn]! * this.cost[this.inArc]!;
    const end = this.thread[this.lastSucc[uIn]!]!;
    for (let u = uIn; u !== end; u = this.thread[u]!) this.pi[u]! += sigma;
  }
}
