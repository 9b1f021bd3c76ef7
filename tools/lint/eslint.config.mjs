// The repository's ESLint configuration (the root eslint.config.mjs re-exports it, so that it lints the
// whole repository while its plugins and TypeScript 5 resolve from this package).
import path from "node:path";
import { fileURLToPath } from "node:url";
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export default tseslint.config(
  {
    ignores: [
      "**/dist/**",
      "**/node_modules/**",
      "apps/api/src/generated/**",
      "apps/web/src/gql/**",
      "apps/web/src/support/gql/**",
      "test-artifacts/**",
      ".data/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: repoRoot },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Type imports stay type imports (they vanish from the build, and say what they are).
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // `_name` marks a value deliberately unused (a destructured field left out).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    // JavaScript, and prisma.config.ts (it belongs to no package's tsconfig): checked without types.
    files: ["**/*.{js,cjs,mjs}", "prisma.config.ts"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // CommonJS: the .cjs files, and the root's .js (its package.json has no "type": "module").
    files: ["**/*.cjs", "*.js"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Tests read GraphQL and JSON answers without generated types: member access on them is checked by
    // the assertions, not by the compiler.
    files: ["**/*.test.ts", "**/test/**/*.ts", "**/e2e/**/*.ts", "tools/test-support/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-explicit-any": "off",
      // Fakes implement async interfaces without awaiting anything.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    files: ["apps/web/src/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: reactHooks.configs.recommended.rules,
  },
);
