// The V8 options (and the C library's malloc setting, SERVER_ENV below) Tandem's server runs with: `npm start`, `npm run serve` and `npm run bench` (package.json, checked
// against this list by tests/unit/server-flags.test.ts), the bench, the load test and the browser
// tests all start scripts/server.mjs with them.
//
// Why: by default V8 lets the old generation grow to about four times what survived the last full
// collection before collecting again, on a machine with plenty of memory. On the bench's call of
// 5,000 proposals one server serving the ranking, its CSV, the overview, a drill-down, the board
// and the portfolio page climbed to 430–450 MiB resident, most of it garbage (the live heap after a
// full collection is 60–70 MiB), against the goal of < 400 MiB (issue 12). Growing by 100 % keeps
// the peak near 300 MiB. A larger young generation (32 MiB semi-spaces, V8's default is 16) lets
// a request's short-lived rows die young instead of being copied and promoted: measured with
// --trace-gc over the same 18 page views, the two together spent less time in GC than the
// defaults (scavenges 2.5 s instead of 3.2 s, full collections 0.7 s instead of 0.4 s).
// A hard cap (--max-old-space-size) was not used: V8 applies it to every worker thread too, and the
// calibration of a 5,000-proposal call needs more than the web server does.
// Flags, not NODE_OPTIONS: Node does not accept --heap-growing-percent there.
export const SERVER_NODE_FLAGS = Object.freeze(["--heap-growing-percent=100", "--max-semi-space-size=32"]);

// The environment the server starts with, beside those flags (package.json sets it before `node`
// in the same scripts; the bench, the load test and the browser tests pass it to the process they
// spawn). glibc's malloc reads it only at process start, so it cannot be set from inside.
//
// Why: typed arrays' memory (a calibration's draws, HiGHS's buffers) comes from malloc, in the
// worker thread's own arena. glibc serves a block of 128 KiB or more with its own mmap, given back
// when freed, but it raises that threshold to the size of the largest block freed so far (up to
// 32 MiB), so after one big job such blocks come from the arenas, which keep their pages. Measured
// in the bench process after the 5,000-proposal calibration (its threads ended): 284 MiB resident
// with the default, 185 MiB with the threshold fixed at 128 KiB; the analysis's peak 435 -> 394 MiB.
// A fixed threshold also leaves trimming on (mallopt(3): setting it turns the dynamic one off).
export const SERVER_ENV = Object.freeze({ MALLOC_MMAP_THRESHOLD_: "131072" });
