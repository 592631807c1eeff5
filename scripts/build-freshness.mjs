// Whether the production build in NEXT_DIST_DIR (default .next) is at least as new as the source
// it was built from. Used by `npm start` and `npm run bench`.
import fs from "node:fs";
import path from "node:path";

function newestSourceTime(root) {
  let newest = 0;
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of ["app", "components", "lib", "db"]) walk(path.join(root, dir));
  for (const file of ["package-lock.json", "next.config.js", "middleware.ts"]) {
    const full = path.join(root, file);
    if (fs.existsSync(full)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function buildIdFile(root) {
  return path.join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
}

export function buildIsCurrent(root) {
  const buildId = buildIdFile(root);
  return fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs >= newestSourceTime(root);
}
