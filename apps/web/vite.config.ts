import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { type Plugin, type UserConfig, defineConfig } from "vite";

/**
 * Ships a codegen manifest of operations (trusted documents, docs/api.md) with the build, in
 * dist/.vite/ where the API loads it at start (express.static serves no dot-folder). It comes from the
 * same codegen run as the hashes in the bundle. The customer pages' is persisted-documents.json, the
 * staff pages' support-persisted-documents.json (vite.support.config.ts).
 */
export function trustedDocumentsManifest(from: string, fileName: string): Plugin {
  const source = fileURLToPath(new URL(from, import.meta.url));
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
      this.emitFile({ type: "asset", fileName, source: manifest });
    },
  };
}

/**
 * Lists the source modules of each chunk (dist/.vite/<name>), so scripts/check-bundle.mjs can tell
 * which code a page loads, e.g. that nothing of the staff pages is in the customer pages' chunks.
 */
export function chunkModules(fileName: string): Plugin {
  const root = fileURLToPath(new URL(".", import.meta.url));
  return {
    name: "portal:chunk-modules",
    apply: "build",
    generateBundle(_options, bundle) {
      const chunks: Record<string, string[]> = {};
      for (const output of Object.values(bundle))
        if (output.type === "chunk")
          chunks[output.fileName] = output.moduleIds.map((id) =>
            id.startsWith(root) ? id.slice(root.length) : id,
          );
      this.emitFile({ type: "asset", fileName, source: JSON.stringify(chunks, null, 1) });
    },
  };
}

/**
 * The Vite dev server serves the staff pages' entry (support.html) for /support and its pages, as
 * the API does for a build (apps/api/src/http/web-app.ts); /support/graphql goes to the API.
 */
function supportPagesInDev(): Plugin {
  return {
    name: "portal:support-pages-in-dev",
    apply: "serve",
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const path = (req.url ?? "").split("?")[0]!;
        if (
          /^\/support(\/(?!graphql(\/|$)).*)?$/.test(path) &&
          req.headers.accept?.includes("html")
        )
          req.url = "/support.html";
        next();
      });
    },
  };
}

/** What both builds share: React, the rules' source, the target. */
export const shared: UserConfig = {
  resolve: {
    // The rules' source, so the browser runs exactly what the server runs without a prior build.
    alias: {
      "@portal/matching": fileURLToPath(
        new URL("../../packages/matching/src/index.ts", import.meta.url),
      ),
    },
  },
};

/**
 * The customer pages (index.html). The staff pages are a second build (vite.support.config.ts) into
 * the same dist/, so nothing of theirs can change this bundle.
 */
export default defineConfig({
  ...shared,
  plugins: [
    react(),
    trustedDocumentsManifest("src/gql/persisted-documents.json", ".vite/persisted-documents.json"),
    chunkModules(".vite/modules.json"),
    supportPagesInDev(),
  ],
  server: {
    proxy: {
      "/graphql": "http://localhost:4000",
      "/support/graphql": "http://localhost:4000",
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
