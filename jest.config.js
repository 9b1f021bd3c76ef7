const swc = require("./jest.swc.js");

const base = {
  testEnvironment: "node",
  transform: { "^.+\\.(t|j)sx?$": swc },
  // Workspace packages from source: no build step is needed before `jest`.
  moduleNameMapper: {
    "^@portal/matching$": "<rootDir>/../../packages/matching/src/index.ts",
    "^@portal/api/(.*)$": "<rootDir>/../../apps/api/src/$1",
    "^@portal/test-support$": "<rootDir>/../../tools/test-support/src/index.ts",
  },
};

/** @type {import('jest').Config} */
module.exports = {
  // Integration suites start PGlite and the wasm schema engine in beforeAll.
  testTimeout: 60000,
  projects: [
    {
      ...base,
      displayName: "matching",
      rootDir: "packages/matching",
      testMatch: ["<rootDir>/src/**/*.test.ts"],
    },
    {
      ...base,
      displayName: "api-unit",
      rootDir: "apps/api",
      testMatch: ["<rootDir>/src/**/*.test.ts"],
      setupFiles: ["reflect-metadata"],
    },
    {
      ...base,
      displayName: "api-integration",
      rootDir: "apps/api",
      testMatch: ["<rootDir>/test/**/*.itest.ts"],
      setupFiles: ["reflect-metadata"],
      // process.*.itest.ts run the built API as a child process; built here when stale.
      globalSetup: "<rootDir>/test/global-setup.cjs",
    },
    {
      ...base,
      displayName: "web-unit",
      rootDir: "apps/web",
      testMatch: ["<rootDir>/src/**/*.test.ts"],
    },
    {
      // Benchmarks and generators (tools/bench), on the product's modules from source.
      ...base,
      displayName: "tools",
      rootDir: "tools/bench",
      testMatch: ["<rootDir>/src/**/*.test.ts"],
      setupFiles: ["reflect-metadata"],
    },
    {
      // Chromium (playwright-core) against the built app served by the real API on a fresh database.
      // Skipped loudly without /usr/bin/chromium unless REQUIRE_BROWSER=1 (CI), which makes it fail.
      ...base,
      displayName: "web-e2e",
      rootDir: "apps/web",
      testMatch: ["<rootDir>/e2e/**/*.e2e.ts"],
      setupFiles: ["<rootDir>/e2e/setup.cjs"],
      globalSetup: "<rootDir>/e2e/global-setup.cjs",
    },
  ],
};
