/**
 * The mutation table (`{quirk: [result keys]}`), its stable serialisation, diffs against a committed
 * copy, and the score derived from it (per suite and per profile).
 * @module
 */
import type { MutationSweep, SweepCheck } from './sweep.js';

/** Quirk name → sorted keys (`check.id` or `check.id@profile`) of the results that failed under it. */
export type MutationTable = Record<string, string[]>;

/** Builds the table of a sweep, quirks in name order. */
export function toMutationTable(sweep: Pick<MutationSweep, 'quirks'>): MutationTable {
  const table: MutationTable = {};
  for (const run of [...sweep.quirks].sort((a, b) => String(a.quirk).localeCompare(String(b.quirk)))) {
    if (run.quirk !== null) table[run.quirk] = [...run.caught].sort();
  }
  return table;
}

/** Width of the committed file's lines, as the repository's prettier config formats JSON. */
const PRINT_WIDTH = 110;

/**
 * The committed form: sorted keys and ids, trailing newline, laid out as prettier lays out JSON
 * (a list on one line when it fits in 110 columns, else one id per line), so `prettier --check` passes.
 */
export function serialiseTable(table: MutationTable): string {
  const quirks = Object.keys(table).sort();
  if (quirks.length === 0) return '{}\n';
  const rows = quirks.map((quirk, i) => {
    const ids = [...(table[quirk] ?? [])].sort();
    const comma = i < quirks.length - 1 ? ',' : '';
    const oneLine = `  ${JSON.stringify(quirk)}: [${ids.map((id) => JSON.stringify(id)).join(', ')}]${comma}`;
    if (oneLine.length <= PRINT_WIDTH) return oneLine;
    return [
      `  ${JSON.stringify(quirk)}: [`,
      ...ids.map((id, j) => `    ${JSON.stringify(id)}${j < ids.length - 1 ? ',' : ''}`),
      `  ]${comma}`,
    ].join('\n');
  });
  return `{\n${rows.join('\n')}\n}\n`;
}

/** Reads a committed table, refusing anything that is not `{string: string[]}`. */
export function parseTable(text: string): MutationTable {
  const raw: unknown = JSON.parse(text);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new TypeError('not an object');
  for (const [quirk, keys] of Object.entries(raw)) {
    if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string'))
      throw new TypeError(`${quirk}: not a list of check ids`);
  }
  return raw as MutationTable;
}

interface TableDiff {
  quirk: string;
  /** In the committed table, no longer failing: a check stopped catching the quirk. */
  lost: string[];
  /** Failing now, not in the committed table: a new catch (update the table). */
  gained: string[];
}

/** Row-by-row differences between the committed table and a fresh one (empty when equal). */
export function diffTables(committed: MutationTable, fresh: MutationTable): TableDiff[] {
  const diffs: TableDiff[] = [];
  for (const quirk of [...new Set([...Object.keys(committed), ...Object.keys(fresh)])].sort()) {
    const before = new Set(committed[quirk] ?? []);
    const after = new Set(fresh[quirk] ?? []);
    const lost = [...before].filter((k) => !after.has(k)).sort();
    const gained = [...after].filter((k) => !before.has(k)).sort();
    if (lost.length > 0 || gained.length > 0 || !(quirk in committed) || !(quirk in fresh))
      diffs.push({ quirk, lost, gained });
  }
  return diffs;
}

/** Splits a table key into its check id and profile. */
export function splitKey(key: string): { id: string; profile: string } {
  const at = key.indexOf('@');
  return at < 0 ? { id: key, profile: 'rfc' } : { id: key.slice(0, at), profile: key.slice(at + 1) };
}

interface MutationScore {
  caught: number;
  total: number;
  uncaught: string[];
  /** Per suite: quirks caught by at least one of its checks, and how many of its checks caught any quirk. */
  bySuite: Record<string, { quirks: number; catchingChecks: number; checks: number }>;
  /** Per profile: quirks caught by a result counting against that profile's verdict. */
  byProfile: Record<string, { quirks: number }>;
}

/** The verdicts a failing table key counts against (the runner's `computeVerdicts` rule). */
function profilesOfKey(key: string, checks: ReadonlyMap<string, SweepCheck>): string[] {
  const { id, profile } = splitKey(key);
  const check = checks.get(id);
  if (!check) return [profile];
  return check.perProfile ? [profile] : check.profiles;
}

/** Scores a table against the catalogue: the share of quirks at least one check catches. */
export function scoreTable(
  table: MutationTable,
  checks: readonly SweepCheck[],
  profiles: readonly string[] = ['rfc'],
): MutationScore {
  const byId = new Map(checks.map((c) => [c.id, c]));
  const quirks = Object.keys(table).sort();
  const uncaught = quirks.filter((q) => (table[q] ?? []).length === 0);
  const bySuite: MutationScore['bySuite'] = {};
  for (const c of checks) {
    bySuite[c.suite] ??= { quirks: 0, catchingChecks: 0, checks: 0 };
    bySuite[c.suite]!.checks++;
  }
  const byProfile: MutationScore['byProfile'] = {};
  for (const p of profiles) byProfile[p] = { quirks: 0 };
  const catching = new Set<string>();
  for (const quirk of quirks) {
    const keys = table[quirk] ?? [];
    const suites = new Set<string>();
    const inProfiles = new Set<string>();
    for (const key of keys) {
      const check = byId.get(splitKey(key).id);
      if (check) {
        suites.add(check.suite);
        catching.add(check.id);
      }
      for (const p of profilesOfKey(key, byId)) inProfiles.add(p);
    }
    for (const s of suites) if (bySuite[s]) bySuite[s].quirks++;
    for (const p of inProfiles) {
      byProfile[p] ??= { quirks: 0 };
      byProfile[p].quirks++;
    }
  }
  for (const id of catching) {
    const check = byId.get(id);
    if (check && bySuite[check.suite]) bySuite[check.suite]!.catchingChecks++;
  }
  return { caught: quirks.length - uncaught.length, total: quirks.length, uncaught, bySuite, byProfile };
}
