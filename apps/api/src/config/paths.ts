import path from "node:path";

/**
 * The repository's root, from this file's place in it (apps/api/src/config or apps/api/dist/config):
 * where the defaults of DATA_DIR, WEB_DIST_DIR, PORTAL_COPY_FILE, the demo data and the migrations are.
 */
export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..", "..");
