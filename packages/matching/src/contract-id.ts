export function normalizeContractId(raw: string): string {
  return raw.trim().toUpperCase();
}

export function contractIdsMatch(a: string, b: string): boolean {
  const left = normalizeContractId(a);
  return left !== "" && left === normalizeContractId(b);
}
