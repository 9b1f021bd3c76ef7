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

/** Runs prepared statements outside any transaction: each is atomic on its own. */
export interface PreparedSql {
  run<T = Record<string, unknown>>(statement: PreparedStatement, params: unknown[]): Promise<T[]>;
}

const defined = new Map<string, string>();

/** Declares a statement once, at module load; a name is one text for the life of the process. */
export function preparedStatement(name: string, text: string, options: { readOnly?: boolean } = {}): PreparedStatement {
  const existing = defined.get(name);
  if (existing !== undefined && existing !== text) throw new Error(`prepared statement "${name}" is declared twice with different SQL`);
  defined.set(name, text);
  return { name, text, readOnly: options.readOnly ?? false };
}
