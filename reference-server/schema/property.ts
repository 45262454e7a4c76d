/** The actual key of `obj` that equals `name` ignoring case, since attribute names are case-insensitive (RFC 7643 §2.1). */
export function findKey(obj: Record<string, unknown>, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(obj, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(obj).find((key) => key.toLowerCase() === lower);
}

/** Reads a property by case-insensitive name (RFC 7643 §2.1). */
export function getProperty(obj: Record<string, unknown>, name: string): unknown {
  const key = findKey(obj, name);
  return key === undefined ? undefined : obj[key];
}
