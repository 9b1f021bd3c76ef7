/**
 * A statement on a request's hot path. PostgreSQL plans an unnamed statement every time it runs
 * (0.3–0.4 ms for the eligibility query, more than executing it); a named one is parsed and planned
 * once per connection and then only executed. Prisma sends every statement unnamed, so these go
 * straight to the driver (`Database.sql`). See docs/performance.md.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
  /** Reads only: run again once on a fresh connection when the connection breaks under it. */
  readonly readOnly: boolean;
}

import type { Tx } from "./transaction";

/** Runs prepared statements outside any transaction: each is atomic on its own. */
export interface PreparedSql {
  run<T = Record<string, unknown>>(statement: PreparedStatement, params: unknown[]): Promise<T[]>;
}

const defined = new Map<string, string>();

/** Declares a statement once, at module load; a name is one text for the life of the process. */
export function preparedStatement(
  name: string,
  text: string,
  options: { readOnly?: boolean } = {},
): PreparedStatement {
  const existing = defined.get(name);
  if (existing !== undefined && existing !== text)
    throw new Error(`prepared statement "${name}" is declared twice with different SQL`);
  defined.set(name, text);
  return { name, text, readOnly: options.readOnly ?? false };
}

/**
 * The same statements inside a Prisma interactive transaction (`$transaction(async (tx) => …)`),
 * joined to it and sent unplanned: the paths that need several statements in one transaction write
 * through the very statements of the hot path, not copies of them. The one place raw SQL meets `tx`.
 */
export function inTransaction(tx: Tx): PreparedSql {
  return {
    run: <T>(statement: PreparedStatement, params: unknown[]) =>
      tx.$queryRawUnsafe<T[]>(statement.text, ...params),
  };
}

/** Rows to one array per column: the statements take many rows as arrays and `unnest` them. */
export function columns(rows: readonly (readonly unknown[])[]): unknown[][] {
  return rows[0]!.map((_, column) => rows.map((row) => row[column]));
}
