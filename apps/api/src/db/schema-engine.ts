import { readFile } from "node:fs/promises";
import path from "node:path";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type * as EngineRuntime from "@prisma/schema-engine-wasm/schema_engine_bg";

type Runtime = typeof EngineRuntime;
export type SchemaEngine = Awaited<ReturnType<Runtime["SchemaEngine"]["new"]>>;

let runtimePromise: Promise<Runtime> | undefined;

/**
 * Loads Prisma's schema engine compiled to WebAssembly. The Prisma CLI only runs the native engine,
 * which is downloaded at install time from a host that is not always reachable; the wasm build ships
 * in the npm package and talks to the database through the same driver adapters as the client.
 */
function loadRuntime(): Promise<Runtime> {
  runtimePromise ??= (async () => {
    const registry = globalThis as {
      PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void };
    };
    registry.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message: (message: string) => {
        throw new Error(`Prisma schema engine panicked: ${message}`);
      },
    };
    const runtime: Runtime = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const jsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(jsPath), "schema_engine_bg.wasm"));
    const module = await WebAssembly.compile(bytes);
    const instance = await WebAssembly.instantiate(module, { "./schema_engine_bg.js": runtime });
    runtime.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return runtime;
  })();
  return runtimePromise;
}

export async function withSchemaEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  datamodel: string | null,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const runtime = await loadRuntime();
  const engine = await runtime.SchemaEngine.new(
    { datamodels: datamodel === null ? undefined : [["schema.prisma", datamodel]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await run(engine);
  } finally {
    engine.free();
  }
}
