/**
 * The layering rule of docs/architecture.md ("Which folder may import which"), checked by
 * `pnpm lint:deps` (part of `pnpm lint`, run by .ci/run). A wrong import fails the build.
 */
const API = "^apps/api/src/";
/** The GraphQL and HTTP edge: the only code that knows the schema, express or Apollo. */
const EDGE = [
  `${API}(graphql|http|cli|bench)/`,
  `${API}(server|services|main|platform)\\.ts$`,
  `${API}[a-z-]+/[a-z.-]+\\.(resolver|types|input|feature|guard)\\.ts$`,
];
/** With pnpm a package resolves to node_modules/.pnpm/<name@version>/node_modules/<name>/…: the inner part matches. */
const GRAPHQL_OR_HTTP =
  "node_modules/(type-graphql|graphql|express|@apollo|@as-integrations|cookie-parser|helmet|pino-http)/";
const KERNEL = `${API}(config|logging|request|db|generated|metrics|telemetry)/`;
const INFRASTRUCTURE = `${API}(audit|throttle|mail|credentials|copy)/`;
const FEATURES = `${API}(sessions|accounts|enrollment|contracts|servicing|demo|support)/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment:
        "Modules form no cycle, type imports included: a cycle means two modules that are really one, or a seam in the wrong place.",
      from: { path: "^(apps|packages|tools)/" },
      to: { circular: true },
    },
    {
      name: "services-know-no-graphql",
      severity: "error",
      comment:
        "Services, repositories and everything below them speak in domain outcomes and plain types; only resolvers, GraphQL types and the HTTP layer know the schema, express or Apollo (docs/architecture.md).",
      from: { path: API, pathNot: EDGE },
      to: { path: [GRAPHQL_OR_HTTP, ...EDGE] },
    },
    {
      name: "kernel-imports-no-feature",
      severity: "error",
      comment:
        "config, logging, request, db, telemetry are the bottom layer: they import nothing above them, except that config reads the settings an infrastructure module defines for itself (throttle rules, the operator copy's schema and loader).",
      from: { path: KERNEL },
      to: {
        path: [INFRASTRUCTURE, FEATURES],
        pathNot: `${API}(throttle/throttle\\.rules|copy/portal-copy\\.(schema|loader))\\.ts$`,
      },
    },
    {
      name: "infrastructure-imports-no-feature",
      severity: "error",
      comment:
        "audit, throttle, mail, credentials, copy serve the features and never call into them (the mail worker gets its producers injected).",
      from: { path: INFRASTRUCTURE },
      to: { path: FEATURES },
    },
    {
      name: "sessions-below-accounts-and-enrollment",
      severity: "error",
      comment:
        "accounts use sessions (sign in after a password is set); sessions use neither accounts nor enrollment.",
      from: { path: `${API}sessions/` },
      to: { path: `${API}(accounts|enrollment)/` },
    },
    {
      name: "accounts-below-enrollment",
      severity: "error",
      comment: "enrollment uses accounts (the verification mail); accounts do not use enrollment.",
      from: { path: `${API}accounts/` },
      to: { path: `${API}enrollment/` },
    },
    {
      name: "accounts-below-servicing",
      severity: "error",
      comment:
        "servicing uses accounts (the grant re-check at the end of an import); accounts never use servicing.",
      from: { path: `${API}accounts/` },
      to: { path: `${API}servicing/` },
    },
    {
      name: "product-imports-no-tooling",
      severity: "error",
      comment:
        "Benchmarks, drills, generators and test support are tools: the served app never imports them (its unit tests may).",
      from: { path: API, pathNot: [`${API}cli/`, "\\.test\\.ts$"] },
      to: { path: "^tools/" },
    },
    {
      name: "drills-talk-to-the-api-from-outside",
      severity: "error",
      comment:
        "tools/drills runs a built API (any checkout's, --api) as processes and talks to it over HTTP: it imports nothing of the apps.",
      from: { path: "^tools/drills/" },
      to: { path: "^apps/" },
    },
    {
      name: "test-support-standalone-loads-no-api",
      severity: "error",
      comment:
        "tools/test-support/src/standalone.ts is what tools/drills builds on: nothing it reaches may load the API in-process. harness.ts is test-support's one way into the API's modules (@portal/api, which this checker resolves to the build it does not read, hence the rule names the harness).",
      from: { path: "^tools/test-support/src/standalone\\.ts$" },
      to: { path: "^tools/test-support/src/harness\\.ts$", reachable: true },
    },
    {
      name: "rules-are-pure",
      severity: "error",
      comment:
        "packages/matching holds the enrollment rules as pure functions: no I/O, nothing from the apps.",
      from: { path: "^packages/matching/src/", pathNot: "\\.test\\.ts$" },
      to: { path: ["^apps/", "^tools/", "node_modules/"] },
    },
    {
      name: "rules-use-no-io",
      severity: "error",
      comment:
        "No Node built-ins either (fs, net, crypto…): the web app runs the same rules in the browser.",
      from: { path: "^packages/matching/src/", pathNot: "\\.test\\.ts$" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "customer-pages-import-no-staff-pages",
      severity: "error",
      comment:
        "The staff pages (src/support/) are a bundle of their own: nothing of them may reach the customer pages' bundle (scripts/check-bundle.mjs checks the build too). They may use the customer pages' shared pieces, not the other way round.",
      from: { path: "^apps/web/src/", pathNot: "^apps/web/src/support/" },
      to: { path: "^apps/web/src/support/" },
    },
    {
      name: "ui-kit-imports-no-page-code",
      severity: "error",
      comment:
        "The UI kit (src/ui/) serves the customer and the staff pages alike: its components take already-translated texts, so it imports neither set's i18n, copy or pages, only itself, React and packages/.",
      from: { path: "^apps/web/src/ui/" },
      to: { path: "^apps/web/src/", pathNot: "^apps/web/src/ui/" },
    },
    {
      name: "web-imports-no-api",
      severity: "error",
      comment:
        "The web app talks to the API over GraphQL only (typed documents generated from the committed schema).",
      from: { path: "^apps/web/src/" },
      to: { path: "^apps/api/" },
    },
  ],
  options: {
    // TypeScript's own parser: 5.x, from tools/lint (TypeScript 7, which builds the code, has no compiler API).
    parser: "tsc",
    tsPreCompilationDeps: true,
    includeOnly: "^(apps|packages|tools)/[^/]+/(src|test|e2e)/|node_modules/",
    exclude: { path: "(^|/)(generated|gql|dist)/" },
    doNotFollow: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.base.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
  },
};
