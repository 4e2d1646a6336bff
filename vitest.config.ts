import { defaultClientConditions, defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

// Inside the repository every @path/* package resolves to its TypeScript source through this
// export condition, so tests need no build; published packages resolve to dist/.
const sourceCondition = "@path/source";

export default defineConfig({
  resolve: { conditions: [sourceCondition, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [sourceCondition, ...defaultServerConditions] } },
  test: {
    include: ["packages/*/src/**/*.test.ts", "kits/*/{src,test}/**/*.test.ts"],
    setupFiles: ["./vitest.setup.ts"],
    // Processes the tests start (kit CLIs through tsx) resolve the source too.
    env: {
      NODE_OPTIONS: [process.env.NODE_OPTIONS, `--conditions=${sourceCondition}`]
        .filter(Boolean)
        .join(" "),
    },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
