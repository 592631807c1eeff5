import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("./", import.meta.url));

export default defineConfig({
  // tsconfig keeps JSX for Next to compile; tests (chart rendering) use React's automatic runtime.
  esbuild: { jsx: "automatic" },
  resolve: {
    alias: {
      "@/": root,
      // "server-only" throws outside React Server Components; tests import server modules directly.
      "server-only": fileURLToPath(new URL("./tests/support/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.{ts,tsx}"], environment: "node" } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          pool: "forks",
          // Server actions import next-auth (through the session); let vite resolve its "next/server".
          server: { deps: { inline: ["next-auth"] } },
          testTimeout: 20000,
        },
      },
    ],
  },
});
