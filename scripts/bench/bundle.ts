/**
 * First-load JavaScript of every bidder page, gzip, from the production build's manifests: the
 * page's chunks, its layouts' chunks and the root main files (what `next build` reports as "First
 * Load JS"). The limit beside it is the shared base every page loads (root layout + main files).
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { ensureBuild } from "./support/server";
import { defineBench, kb } from "./support/types";

const root = path.resolve(__dirname, "../..");
const BIDDER_AREAS = ["/proposals", "/calls"];
const GOAL_BYTES = 150_000;

export default defineBench({
  name: "bundle",
  order: 15,
  async run() {
    ensureBuild();
    const dist = path.join(root, process.env.NEXT_DIST_DIR || ".next");
    const pages = (JSON.parse(fs.readFileSync(path.join(dist, "app-build-manifest.json"), "utf8")) as { pages: Record<string, string[]> }).pages;
    const rootMain = (JSON.parse(fs.readFileSync(path.join(dist, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] }).rootMainFiles;
    const sizes = new Map<string, number>();
    const gzip = (file: string) => {
      let size = sizes.get(file);
      if (size === undefined) {
        size = zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length;
        sizes.set(file, size);
      }
      return size;
    };
    const firstLoad = (page: string) => {
      const files = new Set([...rootMain, ...(pages[page] ?? [])]);
      // Every layout above the page: "/layout", "/proposals/layout", "/proposals/[id]/layout"...
      const parts = page.replace(/\/page$/, "").split("/").filter(Boolean);
      for (let i = 0; i <= parts.length; i++) for (const f of pages[`/${parts.slice(0, i).join("/")}${i ? "/" : ""}layout`] ?? []) files.add(f);
      return [...files].filter((f) => f.endsWith(".js")).reduce((sum, f) => sum + gzip(f), 0);
    };
    const base = [...new Set([...rootMain, ...(pages["/layout"] ?? [])])].filter((f) => f.endsWith(".js")).reduce((sum, f) => sum + gzip(f), 0);
    const bidderPages = Object.keys(pages).filter((p) => p.endsWith("/page") && BIDDER_AREAS.some((a) => p.startsWith(`${a}/`) || p === `${a}/page`));
    return bidderPages.sort().map((page) => {
      const bytes = firstLoad(page);
      return { what: `first-load JS, ${page.replace(/\/page$/, "")}`, figure: `${kb(bytes)} gzip`, limit: `shared base ${kb(base)}`, goal: `≤ ${kb(GOAL_BYTES)}`, met: bytes <= GOAL_BYTES };
    });
  },
});
