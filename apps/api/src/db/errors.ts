/**
 * What a failed query tells about its connection. PostgreSQL (and PGlite) errors carry a
 * five-character SQLSTATE; driver and network errors do not.
 */
function sqlState(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/**
 * The connection broke under the statement: the server ended it (57P01 admin shutdown, 57P02 crash
 * shutdown, 57P03 cannot connect now), a connection exception (class 08), or the socket closed
 * (the driver's own errors). Whether a write committed is then unknown.
 */
export function connectionLost(error: unknown): boolean {
  const state = sqlState(error);
  if (state !== null) return state.startsWith("08") || /^57P0[1-3]$/.test(state);
  const message = error instanceof Error ? error.message : "";
  const code = (error as { code?: unknown } | null)?.code;
  return (
    /Connection terminated|connection lost|Client has encountered a connection error/i.test(
      message,
    ) ||
    code === "ECONNRESET" ||
    code === "EPIPE"
  );
}

/** The database refused the statement (so it was rolled back), as opposed to a broken connection. */
export function refusedByDatabase(error: unknown): boolean {
  return sqlState(error) !== null && !connectionLost(error);
}
