import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  resolve: {
    // The rules' source, so the browser runs exactly what the server runs without a prior build.
    alias: {
      "@portal/matching": fileURLToPath(
        new URL("../../packages/matching/src/index.ts", import.meta.url),
      ),
    },
  },
  server: {
    proxy: {
      "/graphql": "http://localhost:4000",
      "/dev/mailbox/messages": "http://localhost:4000",
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // scripts/check-bundle.mjs reads it to measure what the enrollment route loads first.
    manifest: true,
    target: "es2022",
  },
});
