/**
 * The known-failures baseline file (`--baseline FILE`): which checks are expected to fail against a
 * target, and with which failure code. JSON or YAML by extension; written sorted so diffs stay small.
 * @module
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { HarnessError } from '../errors.js';

/** One known failure: a check (in a profile) that fails with this code. */
export interface BaselineEntry {
  id: string;
  /** The profile the result ran in; absent means `rfc` (every check that is not per-profile). */
  profile?: string;
  /** The failure or error code; a different code is a new failure (the reason changed). */
  code: string;
  /** Free text kept across `--update-baseline` (why it is accepted, a ticket). */
  note?: string;
}

export interface Baseline {
  version: 1;
  known: BaselineEntry[];
}

const ENTRY_KEYS = ['id', 'profile', 'code', 'note'];

/** A stable identity of an entry or result: `id` plus the profile when it is not `rfc`. */
export function entryKey(entry: { id: string; profile?: string }): string {
  return entry.profile === undefined || entry.profile === 'rfc' ? entry.id : `${entry.id}@${entry.profile}`;
}

function invalid(source: string, detail: string): HarnessError {
  return new HarnessError('CONFIG_INVALID', `baseline ${source}: ${detail}`);
}

/** Validates a parsed baseline document; every problem names the entry it is about. */
export function parseBaseline(raw: unknown, source: string): Baseline {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw invalid(source, 'must be a mapping with a "known" list');
  const doc = raw as Record<string, unknown>;
  const extra = Object.keys(doc).filter((k) => k !== 'version' && k !== 'known');
  if (extra.length > 0) throw invalid(source, `unknown key(s) ${extra.join(', ')} (known: version, known)`);
  if (doc.version !== undefined && doc.version !== 1)
    throw invalid(source, `version ${String(doc.version)} is not supported (1 is)`);
  if (!Array.isArray(doc.known)) throw invalid(source, '"known" must be a list');
  const seen = new Set<string>();
  const known = doc.known.map((item, i): BaselineEntry => {
    const where = `known[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw invalid(source, `${where} must be a mapping`);
    const e = item as Record<string, unknown>;
    const unknownKeys = Object.keys(e).filter((k) => !ENTRY_KEYS.includes(k));
    if (unknownKeys.length > 0) throw invalid(source, `${where}: unknown key(s) ${unknownKeys.join(', ')}`);
    for (const key of ['id', 'code'] as const) {
      if (typeof e[key] !== 'string' || e[key] === '')
        throw invalid(source, `${where}.${key} must be a non-empty string`);
    }
    for (const key of ['profile', 'note'] as const) {
      if (e[key] !== undefined && typeof e[key] !== 'string')
        throw invalid(source, `${where}.${key} must be a string`);
    }
    const entry: BaselineEntry = {
      id: e.id as string,
      ...(e.profile !== undefined && e.profile !== 'rfc' ? { profile: e.profile as string } : {}),
      code: e.code as string,
      ...(e.note !== undefined ? { note: e.note as string } : {}),
    };
    const key = entryKey(entry);
    if (seen.has(key)) throw invalid(source, `${where}: ${key} is listed twice`);
    seen.add(key);
    return entry;
  });
  return { version: 1, known };
}

/** Reads a baseline file; a missing or malformed file is CONFIG_INVALID (exit 2), never "no baseline". */
export async function readBaseline(path: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new HarnessError('CONFIG_INVALID', `cannot read baseline ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  let raw: unknown;
  try {
    raw = isJson(path) ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw invalid(path, `not valid ${isJson(path) ? 'JSON' : 'YAML'}: ${(err as Error).message}`);
  }
  return parseBaseline(raw, path);
}

function isJson(path: string): boolean {
  return /\.json$/i.test(path);
}

/** Entries sorted by id, then profile; keys in a fixed order. */
function sortBaseline(baseline: Baseline): Baseline {
  const known = [...baseline.known]
    .sort((a, b) => a.id.localeCompare(b.id) || (a.profile ?? '').localeCompare(b.profile ?? ''))
    .map((e) => ({
      id: e.id,
      ...(e.profile !== undefined ? { profile: e.profile } : {}),
      code: e.code,
      ...(e.note !== undefined ? { note: e.note } : {}),
    }));
  return { version: 1, known };
}

/** The file text: JSON for `.json`, YAML otherwise; sorted and stable. */
export function serialiseBaseline(baseline: Baseline, path: string): string {
  const sorted = sortBaseline(baseline);
  return isJson(path) ? `${JSON.stringify(sorted, null, 2)}\n` : stringifyYaml(sorted);
}

export async function writeBaseline(path: string, baseline: Baseline): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, serialiseBaseline(baseline, path), 'utf8');
}
