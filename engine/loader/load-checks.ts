/**
 * `--checks FILE_OR_DIR`: loads user-authored checks and suites (TypeScript through ts-node, or
 * JavaScript), validates their shape and ids against the built-in catalogue, and returns suites the
 * runner takes like the built-in ones. Every problem is a UserFileError, raised before any request.
 * @module
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { AnyCheck, SuiteDefinition } from '../model/index.js';
import { importUserModule, JS_EXTENSIONS, TS_EXTENSIONS } from './import-module.js';
import { UserFileError, type UserFileProblem } from './user-file-error.js';
import {
  asCheck,
  checkProblems,
  looksLikeCheck,
  looksLikeSuite,
  suiteProblems,
  SUITE_NAME,
} from './validate.js';

interface LoadChecksOptions {
  /** Compile TypeScript without type checking. */
  transpileOnly?: boolean;
  /** The built-in catalogue: user check ids, scenario ids and suite names must not collide with it. */
  builtIn?: readonly SuiteDefinition[];
}

/** What loading one file took (for `--checks` timing lines and the authoring docs). */
interface LoadedFile {
  file: string;
  suites: string[];
  checks: number;
  typeChecked: boolean;
  compileMs: number;
  totalMs: number;
}

interface LoadedChecks {
  suites: SuiteDefinition[];
  files: LoadedFile[];
}

const CODE_EXTENSIONS: readonly string[] = [...TS_EXTENSIONS, ...JS_EXTENSIONS];
/** Files a `--checks DIR` picks up; other modules in the folder (helpers) are left to imports. */
const CHECK_FILE = /\.(check|checks|suite)\.(ts|mts|js|mjs)$/i;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (CHECK_FILE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Files behind `--checks` arguments: a file as given, a folder's `*.check.ts`/`*.suite.ts` (and .mts/.js/.mjs) files. */
function expandCheckPaths(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const given of paths) {
    const path = resolve(given);
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new UserFileError(path, [{ message: 'no such file or folder' }]);
    }
    if (isDir) {
      const found = walk(path);
      if (found.length === 0)
        throw new UserFileError(path, [
          { message: 'the folder has no *.check.ts or *.suite.ts files (nor .mts, .js, .mjs)' },
        ]);
      files.push(...found);
    } else {
      const ext = extname(path).toLowerCase();
      if (!CODE_EXTENSIONS.includes(ext) || path.endsWith('.d.ts')) {
        const hint = /^\.(json|ya?ml)$/.test(ext)
          ? ' (JSON and YAML files hold profiles: use --profile)'
          : '';
        throw new UserFileError(path, [
          { message: `checks are code: expected a .ts, .mts, .js or .mjs file${hint}` },
        ]);
      }
      files.push(path);
    }
  }
  return [...new Set(files)];
}

/** `acme.check.ts` → `acme`: the suite name of checks exported without a suite. */
export function suiteNameFromFile(file: string): string {
  const name = basename(file)
    .replace(/\.(ts|mts|js|mjs)$/i, '')
    .replace(/\.(check|checks|suite)$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return name === '' ? 'custom' : name;
}

function positionOf(source: string, needle: string): Pick<UserFileProblem, 'line' | 'column'> {
  const at = source.indexOf(needle);
  if (at < 0) return {};
  const before = source.slice(0, at).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** The first quoted occurrence of `text` ('…', "…" or `…`). */
function quotedPosition(source: string, text: string): Pick<UserFileProblem, 'line' | 'column'> {
  for (const q of ["'", '"', '`']) {
    const pos = positionOf(source, `${q}${text}${q}`);
    if (pos.line !== undefined) return pos;
  }
  return {};
}

/** Where a check is written: the first quoted occurrence of its id, else its export. */
function checkPosition(
  source: string,
  value: unknown,
  exportName: string,
): Pick<UserFileProblem, 'line' | 'column'> {
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  if (typeof id === 'string' && id !== '') {
    const pos = quotedPosition(source, id);
    if (pos.line !== undefined) return pos;
  }
  return exportName === 'default' ? positionOf(source, 'export default') : positionOf(source, exportName);
}

interface Candidate {
  value: unknown;
  label: string;
  exportName: string;
}

/** Sorts a module's exports into suites and loose checks; scenarios and helpers are ignored. */
function collect(exports: Record<string, unknown>): {
  suites: Candidate[];
  checks: Candidate[];
  problems: string[];
} {
  const suites: Candidate[] = [];
  const checks: Candidate[] = [];
  const problems: string[] = [];
  for (const [exportName, value] of Object.entries(exports)) {
    const label = exportName === 'default' ? 'the default export' : `export "${exportName}"`;
    if (looksLikeSuite(value)) suites.push({ value, label, exportName });
    else if (looksLikeCheck(value)) checks.push({ value, label, exportName });
    else if (
      Array.isArray(value) &&
      (exportName === 'default' || value.some((v) => looksLikeCheck(v) || looksLikeSuite(v)))
    ) {
      value.forEach((v, i) => {
        const item = { value: v, label: `${label}[${i}]`, exportName };
        if (looksLikeSuite(v)) suites.push(item);
        else checks.push(item);
      });
    } else if (exportName === 'default') {
      problems.push(
        'the default export is neither a suite (defineSuite), a check (defineCheck) nor a list of checks',
      );
    }
  }
  return { suites, checks, problems };
}

/** A suite as one file contributes it; `declared` when the file exported it with defineSuite. */
interface UserSuite extends SuiteDefinition {
  checks: AnyCheck[];
  declared: boolean;
}

interface Registry {
  checkIds: Map<string, string>;
  scenarios: Map<string, { run: unknown; owner: string }>;
  /** Suite name → who has it; a `declared` suite (defineSuite) cannot be declared twice. */
  suiteNames: Map<string, { owner: string; builtIn: boolean; declared: boolean }>;
}

function registryOf(builtIn: readonly SuiteDefinition[]): Registry {
  const registry: Registry = { checkIds: new Map(), scenarios: new Map(), suiteNames: new Map() };
  for (const suite of builtIn) {
    registry.suiteNames.set(suite.name, { owner: 'a built-in suite', builtIn: true, declared: true });
    for (const check of suite.checks) {
      registry.checkIds.set(check.id, 'a built-in check');
      registry.scenarios.set(check.scenario.id, { run: check.scenario.run, owner: 'a built-in scenario' });
    }
  }
  return registry;
}

function loadOne(
  file: string,
  exports: Record<string, unknown>,
  source: string,
  registry: Registry,
): { suites: UserSuite[]; problems: UserFileProblem[] } {
  const found = collect(exports);
  const problems: UserFileProblem[] = found.problems.map((message) => ({
    ...positionOf(source, 'export default'),
    message,
  }));
  const inSuites = new Set<unknown>();
  const groups = new Map<string, { title: string; description: string; checks: AnyCheck[] }>();
  const declared = new Set<string>();
  const shown = basename(file);
  const addCheck = (candidate: Candidate, suiteName: string): void => {
    const issues = checkProblems(candidate.value, candidate.label);
    const where = checkPosition(source, candidate.value, candidate.exportName);
    if (issues.length > 0) {
      problems.push(...issues.map((message) => ({ ...where, message })));
      return;
    }
    const check = asCheck(candidate.value as Record<string, unknown>);
    const takenBy = registry.checkIds.get(check.id);
    if (takenBy) {
      problems.push({ ...where, message: `check ${check.id}: the id is already used by ${takenBy}` });
      return;
    }
    const scenario = registry.scenarios.get(check.scenario.id);
    if (scenario && scenario.run !== check.scenario.run) {
      problems.push({
        ...where,
        message: `check ${check.id}: scenario id "${check.scenario.id}" is already used by ${scenario.owner}; scenarios are run once per id, so give yours its own id`,
      });
      return;
    }
    registry.checkIds.set(check.id, `a check in ${shown}`);
    registry.scenarios.set(check.scenario.id, { run: check.scenario.run, owner: `a scenario in ${shown}` });
    const group = groups.get(suiteName);
    const own = { ...check, suite: suiteName };
    if (group) group.checks.push(own);
    else groups.set(suiteName, { title: suiteName, description: `Checks from ${shown}.`, checks: [own] });
  };

  for (const candidate of found.suites) {
    const suite = candidate.value as Record<string, unknown>;
    const issues = suiteProblems(suite, candidate.label);
    const where = typeof suite['name'] === 'string' ? quotedPosition(source, suite['name']) : {};
    if (issues.length > 0) {
      problems.push(...issues.map((message) => ({ ...where, message })));
      continue;
    }
    const name = suite['name'] as string;
    const taken = registry.suiteNames.get(name);
    if (taken?.declared || groups.has(name)) {
      problems.push({
        ...where,
        message: `suite name "${name}" is already used by ${taken?.owner ?? 'this file'}`,
      });
      continue;
    }
    declared.add(name);
    groups.set(name, {
      title: typeof suite['title'] === 'string' ? suite['title'] : name,
      description: typeof suite['description'] === 'string' ? suite['description'] : `Checks from ${shown}.`,
      checks: [],
    });
    (suite['checks'] as unknown[]).forEach((value, i) => {
      inSuites.add(value);
      addCheck({ value, label: `${candidate.label}.checks[${i}]`, exportName: candidate.exportName }, name);
    });
  }
  const fallback = suiteNameFromFile(file);
  const seen = new Set<unknown>();
  for (const candidate of found.checks) {
    if (inSuites.has(candidate.value) || seen.has(candidate.value)) continue;
    seen.add(candidate.value);
    const own = (candidate.value as { suite?: unknown } | null)?.suite;
    const suiteName = typeof own === 'string' && own !== '' ? own : fallback;
    if (!groups.has(suiteName)) {
      const taken = registry.suiteNames.get(suiteName);
      if (!SUITE_NAME.test(suiteName) || taken?.builtIn) {
        problems.push({
          ...checkPosition(source, candidate.value, candidate.exportName),
          message: taken?.builtIn
            ? `${candidate.label}: suite "${suiteName}" is already used by ${taken.owner}; user checks live in their own suites`
            : `${candidate.label}: suite "${suiteName}" is not a lower-case kebab-case name`,
        });
        continue;
      }
    }
    addCheck(candidate, suiteName);
  }
  if (problems.length === 0 && groups.size === 0) {
    problems.push({
      message:
        'exports no checks: use `export default defineSuite({...})`, `export default [defineCheck({...})]` or named defineCheck exports',
    });
  }
  const suites: UserSuite[] = [];
  for (const [name, group] of groups) {
    if (!registry.suiteNames.has(name) || declared.has(name))
      registry.suiteNames.set(name, {
        owner: `a suite in ${shown}`,
        builtIn: false,
        declared: declared.has(name),
      });
    if (group.checks.length > 0) suites.push({ name, ...group, declared: declared.has(name) });
  }
  return { suites, problems };
}

/**
 * Loads `--checks` files and folders in order. UserFileError (CONFIG_INVALID) for the first file
 * that does not compile, throws on load, or exports something that is not a valid check or suite.
 */
export async function loadCheckFiles(
  paths: readonly string[],
  options: LoadChecksOptions = {},
): Promise<LoadedChecks> {
  const registry = registryOf(options.builtIn ?? []);
  // Suite name → suite, in first-seen order: loose checks of several files may share a suite.
  const byName = new Map<string, UserSuite>();
  const files: LoadedFile[] = [];
  for (const file of expandCheckPaths(paths)) {
    const imported = await importUserModule(file, { transpileOnly: options.transpileOnly ?? false });
    const source = readFileSync(file, 'utf8');
    const loaded = loadOne(file, imported.exports, source, registry);
    if (loaded.problems.length > 0) throw new UserFileError(file, loaded.problems);
    for (const suite of loaded.suites) {
      const existing = byName.get(suite.name);
      if (!existing) byName.set(suite.name, suite);
      else if (suite.declared)
        byName.set(suite.name, { ...suite, checks: [...existing.checks, ...suite.checks] });
      else existing.checks.push(...suite.checks);
    }
    files.push({
      file,
      suites: loaded.suites.map((s) => s.name),
      checks: loaded.suites.reduce((n, s) => n + s.checks.length, 0),
      typeChecked:
        (TS_EXTENSIONS as readonly string[]).includes(extname(file).toLowerCase()) && !options.transpileOnly,
      compileMs: imported.compileMs,
      totalMs: imported.totalMs,
    });
  }
  const suites: SuiteDefinition[] = [...byName.values()].map(({ declared: _declared, ...suite }) => suite);
  return { suites, files };
}
