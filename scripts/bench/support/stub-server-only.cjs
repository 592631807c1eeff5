/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload by necessity */
// Preloaded by `npm run bench` (node --require): "server-only" throws outside React Server
// Components, and the bench calls the data layer in-process, as the integration tests do.
const Module = require("node:module");
const path = require("node:path");
const stub = path.join(__dirname, "empty.cjs");
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === "server-only" ? stub : resolve.call(this, request, ...rest);
};
