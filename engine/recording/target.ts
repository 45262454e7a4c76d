/** Splitting a request-target into the recording's `path` (relative to the SCIM base) and raw `query`. */

/**
 * `rawTarget` is `path[?query]` as received; `basePath` (no trailing slash) is removed from the front of the
 * path when it is there. The query is kept byte for byte: `null` without `?`, `""` for a bare `?`.
 */
export function splitTarget(rawTarget: string, basePath: string): { path: string; query: string | null } {
  const q = rawTarget.indexOf('?');
  const fullPath = q < 0 ? rawTarget : rawTarget.slice(0, q);
  const query = q < 0 ? null : rawTarget.slice(q + 1);
  let path = fullPath;
  if (basePath !== '' && (fullPath === basePath || fullPath.startsWith(`${basePath}/`))) {
    path = fullPath.slice(basePath.length);
  }
  return { path: path === '' ? '/' : path.startsWith('/') ? path : `/${path}`, query };
}
