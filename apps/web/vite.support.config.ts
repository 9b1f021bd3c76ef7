import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { chunkModules, shared, trustedDocumentsManifest } from "./vite.config.ts";

/**
 * The staff pages (support.html, src/support/): built after the customer pages into the same dist/,
 * their files under assets/support/, their own Vite manifest and trusted-documents manifest in
 * dist/.vite/. A separate build rather than a second entry of the customer build: modules both use
 * (React, Apollo Client) would otherwise move into shared chunks and change what the customer pages
 * load first.
 */
export default defineConfig({
  ...shared,
  plugins: [
    react(),
    trustedDocumentsManifest(
      "src/support/gql/persisted-documents.json",
      ".vite/support-persisted-documents.json",
    ),
    chunkModules(".vite/support-modules.json"),
  ],
  build: {
    outDir: "dist",
    // The customer build just wrote dist/: keep it.
    emptyOutDir: false,
    manifest: ".vite/support-manifest.json",
    assetsDir: "assets/support",
    target: "es2022",
    rolldownOptions: {
      input: fileURLToPath(new URL("support.html", import.meta.url)),
    },
  },
});
