/** The V8 options Tandem's server runs with (see server-flags.mjs). */
export declare const SERVER_NODE_FLAGS: readonly string[];
