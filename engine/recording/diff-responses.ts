/**
 * Where a replayed answer differs from the recorded one: status, the media type and Location of the
 * response, and the JSON body's shape (missing or extra keys, types) and values. Volatile fields are skipped
 * through an ignore list; absolute URLs are compared without their origin and SCIM base path.
 * @module
 */
import { mediaType } from '../../protocol/http.js';

type DifferenceKind = 'status' | 'header' | 'body' | 'missing' | 'extra' | 'type' | 'value' | 'error';

export interface Difference {
  /** `status`, `headers.content-type`, `body`, or `body.` + the JSON location (`body.emails[0].value`). */
  field: string;
  kind: DifferenceKind;
  recorded: unknown;
  actual: unknown;
}

/** Fields that change from one server (or one run) to the next: ids, timestamps, versions and ETags. */
export const DEFAULT_IGNORE = ['id', 'meta.created', 'meta.lastModified', 'meta.version', 'headers.etag'];

/** The response side of a comparison. */
interface ComparedResponse {
  status: number;
  headers: Record<string, string>;
  body: string | undefined;
}

interface CompareOptions {
  /** Patterns: dotted (`meta.created`, `*` = any one segment) matching a suffix of the field, or JSON pointers from the body root (`/Resources/0/id`). */
  ignore: readonly string[];
  /** SCIM base URLs of the recording and of the target, for URL values. */
  recordedBase?: string;
  targetBase?: string;
}

type Segments = ReadonlyArray<string | number>;

function compile(pattern: string): { anchored: boolean; parts: string[] } {
  if (pattern.startsWith('/')) {
    return {
      anchored: true,
      parts: [
        'body',
        ...pattern
          .slice(1)
          .split('/')
          .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')),
      ],
    };
  }
  return { anchored: false, parts: pattern.split('.') };
}

function matchesAt(parts: readonly string[], segments: Segments, start: number): boolean {
  if (segments.length - start !== parts.length) return false;
  return parts.every((p, i) => p === '*' || p === String(segments[start + i]));
}

/** True when the field at `segments` (starting with `body`/`headers`/`status`) is ignored by a pattern. */
export function isIgnored(segments: Segments, patterns: readonly string[]): boolean {
  for (const pattern of patterns) {
    const { anchored, parts } = compile(pattern);
    // A pattern also ignores everything below the field it names.
    for (let end = segments.length; end >= 1; end--) {
      const prefix = segments.slice(0, end);
      if (
        anchored
          ? matchesAt(parts, prefix, 0)
          : prefix.length >= parts.length && matchesAt(parts, prefix, prefix.length - parts.length)
      ) {
        return true;
      }
    }
  }
  return false;
}

/** `body.Resources[0]["urn:…:User"].department` */
function fieldName(segments: Segments): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function parseJson(text: string | undefined): { ok: true; value: unknown } | { ok: false } {
  if (text === undefined || text.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** An absolute URL without origin; the SCIM base path becomes `{base}`. */
function normaliseUrl(value: string, base: string | undefined): string {
  if (!/^https?:\/\//i.test(value)) return value;
  try {
    const url = new URL(value);
    const basePath = base ? new URL(base).pathname.replace(/\/+$/, '') : '';
    const path =
      basePath && url.pathname.startsWith(basePath)
        ? `{base}${url.pathname.slice(basePath.length)}`
        : url.pathname;
    return path + url.search;
  } catch {
    return value;
  }
}

function deepCompare(
  recorded: unknown,
  actual: unknown,
  at: Array<string | number>,
  options: CompareOptions,
  out: Difference[],
): void {
  if (isIgnored(at, options.ignore)) return;
  const rk = kindOf(recorded);
  const ak = kindOf(actual);
  if (rk !== ak) {
    out.push({ field: fieldName(at), kind: 'type', recorded, actual });
    return;
  }
  if (rk === 'object') {
    const r = recorded as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    for (const key of Object.keys(r)) {
      const child = [...at, key];
      if (!(key in a)) {
        if (!isIgnored(child, options.ignore))
          out.push({ field: fieldName(child), kind: 'missing', recorded: r[key], actual: undefined });
      } else {
        deepCompare(r[key], a[key], child, options, out);
      }
    }
    for (const key of Object.keys(a)) {
      const child = [...at, key];
      if (!(key in r) && !isIgnored(child, options.ignore)) {
        out.push({ field: fieldName(child), kind: 'extra', recorded: undefined, actual: a[key] });
      }
    }
    return;
  }
  if (rk === 'array') {
    const r = recorded as unknown[];
    const a = actual as unknown[];
    const n = Math.max(r.length, a.length);
    for (let i = 0; i < n; i++) {
      const child = [...at, i];
      if (i >= a.length) {
        if (!isIgnored(child, options.ignore))
          out.push({ field: fieldName(child), kind: 'missing', recorded: r[i], actual: undefined });
      } else if (i >= r.length) {
        if (!isIgnored(child, options.ignore))
          out.push({ field: fieldName(child), kind: 'extra', recorded: undefined, actual: a[i] });
      } else {
        deepCompare(r[i], a[i], child, options, out);
      }
    }
    return;
  }
  if (rk === 'string') {
    const r = normaliseUrl(recorded as string, options.recordedBase);
    const a = normaliseUrl(actual as string, options.targetBase);
    if (r !== a) out.push({ field: fieldName(at), kind: 'value', recorded, actual });
    return;
  }
  if (recorded !== actual) out.push({ field: fieldName(at), kind: 'value', recorded, actual });
}

/** Every difference between a recorded and a replayed response that the ignore list lets through. */
export function compareResponses(
  recorded: ComparedResponse,
  actual: ComparedResponse,
  options: CompareOptions,
): Difference[] {
  const out: Difference[] = [];
  if (recorded.status !== actual.status && !isIgnored(['status'], options.ignore)) {
    out.push({ field: 'status', kind: 'status', recorded: recorded.status, actual: actual.status });
  }
  const header = (name: string, compare: (v: string | undefined, base: string | undefined) => unknown) => {
    const at = ['headers', name];
    if (isIgnored(at, options.ignore)) return;
    const r = compare(recorded.headers[name], options.recordedBase);
    const a = compare(actual.headers[name], options.targetBase);
    if (r !== a)
      out.push({
        field: fieldName(at),
        kind: 'header',
        recorded: recorded.headers[name],
        actual: actual.headers[name],
      });
  };
  header('content-type', (v) => mediaType(v));
  header('location', (v, base) => (v === undefined ? undefined : normaliseUrl(v, base)));
  header('etag', (v) => v !== undefined);

  const r = parseJson(recorded.body);
  const a = parseJson(actual.body);
  if (isIgnored(['body'], options.ignore)) return out;
  if (r.ok && a.ok) {
    deepCompare(r.value, a.value, ['body'], options, out);
  } else {
    const present = (text: string | undefined) => text !== undefined && text.trim() !== '';
    if (r.ok !== a.ok || present(recorded.body) !== present(actual.body)) {
      const describe = (text: string | undefined, json: { ok: true; value: unknown } | { ok: false }) =>
        json.ok ? `JSON ${kindOf(json.value)}` : present(text) ? 'a non-JSON body' : 'no body';
      out.push({
        field: 'body',
        kind: 'body',
        recorded: describe(recorded.body, r),
        actual: describe(actual.body, a),
      });
    }
  }
  return out;
}
