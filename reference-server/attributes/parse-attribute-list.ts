/** Splits an `attributes`/`excludedAttributes` parameter into trimmed names (RFC 7644 §3.9); empty means absent. */
export function parseAttributeList(param: string | null): string[] | undefined {
  if (param === null || param === undefined) return undefined;
  const names = param
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return names.length > 0 ? names : undefined;
}
