const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether an id from outside can be compared with a uuid column (any other text makes PostgreSQL throw). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
