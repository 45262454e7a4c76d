/**
 * Username generation for provisioned users (§10b): GitLab's ExternalUsernameSanitizer, then numeric
 * suffixes until no namespace path or name (case-insensitive) and no reserved word is hit.
 */

/** A subset of GitLab's reserved top-level paths (`Gitlab::PathRegex::TOP_LEVEL_ROUTES`). */
const RESERVED = new Set([
  '-',
  '.well-known',
  'admin',
  'api',
  'assets',
  'dashboard',
  'explore',
  'favicon.ico',
  'groups',
  'help',
  'import',
  'jwt',
  'login',
  'oauth',
  'profile',
  'projects',
  'public',
  'robots.txt',
  's',
  'search',
  'snippets',
  'uploads',
  'users',
]);

const PLAIN_USERNAME = /^[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)*$/;

/** Steps 1–6 of §10b; letter case is kept. */
export function sanitizeUsername(input: string): string {
  let name = input;
  const at = name.indexOf('@');
  if (at >= 0) name = name.slice(0, at);
  // Letters and digits, with single `_` or `-` between them, pass every step unchanged (most usernames).
  if (PLAIN_USERNAME.test(name)) return name;
  name = name.replace(/[^A-Za-z0-9_.-]/g, '');
  let previous: string;
  do {
    previous = name;
    name = name.replace(/(\.git|\.atom|\.)$/, '');
  } while (name !== previous);
  name = name.replace(/^-+/, '');
  if (name === '') name = 'blank';
  name = name
    .replace(/^[_.-]+/, '')
    .replace(/[_.-]+$/, '')
    .replace(/([_.-])[_.-]+/g, '$1');
  return name === '' ? 'blank' : name;
}

/** `Gitlab::Utils::Uniquify`: the base itself, then base1, base2, … */
export function uniqueUsername(base: string, taken: (candidate: string) => boolean): string {
  const clash = (c: string): boolean => RESERVED.has(c.toLowerCase()) || taken(c);
  if (!clash(base)) return base;
  let counter = 1;
  while (clash(`${base}${counter}`)) counter++;
  return `${base}${counter}`;
}
