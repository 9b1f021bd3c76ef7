// One SWC transform for every jest project: type-graphql reads decorator metadata, which only
// SWC's legacy decorators with metadata emit (ts-jest and esbuild-based runners do not).
module.exports = [
  "@swc/jest",
  {
    jsc: {
      parser: { syntax: "typescript", decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: "es2022",
    },
    // Keep import() native: PGlite and the wasm schema engine are ES modules.
    module: { type: "commonjs", ignoreDynamic: true },
  },
];
