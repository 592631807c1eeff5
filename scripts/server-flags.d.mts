/** The V8 options Tandem's server runs with (see server-flags.mjs). */
export declare const SERVER_NODE_FLAGS: readonly string[];
/** The environment Tandem's server starts with (glibc's malloc setting; see server-flags.mjs). */
export declare const SERVER_ENV: Readonly<Record<string, string>>;
