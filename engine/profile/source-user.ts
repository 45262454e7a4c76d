/**
 * The synthetic directory user an IdP provisions from. Field names follow the IdPs' own directories
 * (Entra: userPrincipalName, mailNickname, objectId; Okta: login, oktaId; OneLogin: scimusername), so a
 * profile's `mapping` reads like the IdP's attribute-mapping screen.
 * @module
 */
import type { DataGenerator } from '../model/index.js';

export type SourceUser = Record<string, string | boolean>;

/** Every source field a mapping may name. */
export const SOURCE_FIELDS = [
  'objectId',
  'userPrincipalName',
  'mail',
  'mailNickname',
  'givenName',
  'surname',
  'displayName',
  'formattedName',
  'jobTitle',
  'department',
  'employeeId',
  'login',
  'email',
  'firstName',
  'lastName',
  'oktaId',
  'scimusername',
  'active',
] as const;

function hash(text: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (const ch of text) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A deterministic GUID-shaped string derived from `text` (Entra object ids, connection probes). */
export function guidFrom(text: string): string {
  const hex = [0, 1, 2, 3].map((i) => hash(text, i).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A fresh source user from the run's seeded generator; every value carries the run prefix. */
export function newSourceUser(data: DataGenerator): SourceUser {
  const generated = data.user();
  // The generated userName is already an address; its local part names the directory account.
  const local = String(generated['userName']).replace(/@[^@]*$/, '');
  const name = (generated['name'] ?? {}) as { givenName?: string; familyName?: string };
  const givenName = name.givenName ?? 'Given';
  const surname = name.familyName ?? 'Family';
  const upn = `${local}@example.com`;
  const oktaId = `00u${hash(local, 7).toString(36)}${hash(local, 9).toString(36)}`.slice(0, 20);
  return {
    objectId: guidFrom(local),
    userPrincipalName: upn,
    mail: upn,
    mailNickname: local,
    givenName,
    surname,
    displayName: `${givenName} ${surname}`,
    formattedName: `${givenName} ${surname}`,
    jobTitle: 'Engineer',
    department: 'Research',
    employeeId: String(hash(local, 3) % 100000),
    login: upn,
    email: upn,
    firstName: givenName,
    lastName: surname,
    oktaId,
    scimusername: upn,
    active: true,
  };
}

/** The same user after a directory edit of `fields`: strings change recognisably, e-mail shapes survive. */
export function editSourceUser(user: SourceUser, fields: readonly string[]): SourceUser {
  const next: SourceUser = { ...user };
  for (const field of fields) {
    const value = user[field];
    if (typeof value === 'boolean') next[field] = !value;
    else if (typeof value === 'string') {
      const at = value.indexOf('@');
      next[field] = at > 0 ? `${value.slice(0, at)}.upd${value.slice(at)}` : `${value}Upd`;
    }
  }
  // Derived fields follow their parts, as a directory would.
  if (fields.includes('givenName') || fields.includes('surname')) {
    next['formattedName'] = `${String(next['givenName'])} ${String(next['surname'])}`;
  }
  return next;
}
