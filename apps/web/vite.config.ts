import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { type Plugin, defineConfig } from "vite";

/**
 * Ships codegen's manifest of the app's operations (trusted documents, docs/api.md) with the build,
 * as dist/.vite/persisted-documents.json: the API loads it from there at start, and express.static
 * serves no dot-folder. It comes from the same codegen run as the hashes in the bundle.
 */
function trustedDocumentsManifest(): Plugin {
  const source = fileURLToPath(new URL("src/gql/persisted-documents.json", import.meta.url));
  return {
    name: "portal:trusted-documents",
    apply: "build",
    generateBundle() {
      let manifest: string;
      try {
        manifest = readFileSync(source, "utf8");
      } catch (error) {
        this.error(`no ${source} (run graphql-codegen first): ${(error as Error).message}`);
      }
      this.emitFile({
        type: "asset",
        fileName: ".vite/persisted-documents.json",
        source: manifest,
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), trustedDocumentsManifest()],
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
