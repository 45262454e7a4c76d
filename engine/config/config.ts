/**
 * The config file (JSON or YAML) and the environment (SCIM_BASE_URL, SCIM_TOKEN) as layers of run options;
 * integrations/options merges them under the flags or the call's options.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { HarnessError } from '../errors.js';
import type { FailOn } from '../runner/report.js';
import { validateConfigDocument } from './config-schema.js';

export interface RunConfig {
  target?: string;
  token?: string;
  /** Profile names or profile file paths. */
  profiles?: string[];
  suites?: string[];
  checks?: string[];
  /** `--checks`: files or folders of user-written checks (config key `checkFiles`, relative to the config file). */
  checkFiles?: string[];
  /** `--transpile-only`: compile user TypeScript without type checking. */
  transpileOnly?: boolean;
  /** Reporter names: console, json, junit, html, md, har. */
  report?: string[];
  /** Report folder; in a config file relative to the file's folder, like `checkFiles` and `baseline`. */
  out?: string;
  failOn?: FailOn;
  /** `--strict`: judge each check at its `strictLevel` (docs/verdicts.md). */
  strict?: boolean;
  seed?: number;
  /** Per-request deadline in milliseconds. */
  timeout?: number;
  baseline?: string;
}

const KEYS = [
  'target',
  'token',
  'profiles',
  'suites',
  'checks',
  'checkFiles',
  'transpileOnly',
  'report',
  'out',
  'failOn',
  'strict',
  'seed',
  'timeout',
  'baseline',
] as const;

/** Reads a JSON or YAML file (YAML is a superset of JSON); CONFIG_INVALID when unreadable. */
export async function readConfigFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new HarnessError('CONFIG_INVALID', `cannot read ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  try {
    return parseYaml(text) as unknown;
  } catch (err) {
    throw new HarnessError('CONFIG_INVALID', `${path} is neither JSON nor YAML: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

function list(value: unknown, key: string, source: string): string[] {
  if (typeof value === 'string') return splitList(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return value.flatMap((v) => splitList(v));
  throw new HarnessError('CONFIG_INVALID', `${source}: "${key}" must be a string or a list of strings`);
}

/** `a, b,,c` → `['a', 'b', 'c']`. */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A value as an error sentence quotes it: strings and numbers in quotes, anything else as JSON. */
function quoted(value: unknown): string {
  if (typeof value !== 'object' || value === null) return `"${String(value)}"`;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

export function parseFailOn(
  value: unknown,
  source: string,
  code: 'USAGE' | 'CONFIG_INVALID' = source === '--fail-on' ? 'USAGE' : 'CONFIG_INVALID',
): FailOn {
  if (value === 'must' || value === 'should' || value === 'never') return value;
  throw new HarnessError(code, `${source}: fail-on must be must, should or never, got ${quoted(value)}`);
}

export function parseInteger(
  value: unknown,
  name: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
  code: 'USAGE' | 'CONFIG_INVALID' = 'USAGE',
): number {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^-?\d+$/.test(value.trim())
        ? Number(value)
        : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new HarnessError(
      code,
      `${name} must be an integer between ${min} and ${max}, got ${quoted(value)}`,
    );
  }
  return n;
}

/** A profile entry that names a file rather than a shipped profile (profiles/ resolveProfile's rule). */
function isPath(entry: string): boolean {
  return /[\\/]|\.(ya?ml|json|[cm]?[jt]s|tsx?)$/i.test(entry);
}

/** Validates a parsed config file; unknown keys are rejected so typos do not pass silently. */
export function parseRunConfig(raw: unknown, source: string): RunConfig {
  if (raw === null || raw === undefined) return {};
  validateConfigDocument(raw, source);
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new HarnessError('CONFIG_INVALID', `${source}: expected a mapping`);
  const doc = raw as Record<string, unknown>;
  const unknown = Object.keys(doc).filter((k) => k !== '$schema' && !(KEYS as readonly string[]).includes(k));
  if (unknown.length > 0) {
    throw new HarnessError(
      'CONFIG_INVALID',
      `${source}: unknown key(s) ${unknown.join(', ')} (known: ${KEYS.join(', ')})`,
    );
  }
  const config: RunConfig = {};
  const str = (key: 'target' | 'token' | 'out' | 'baseline') => {
    const v = doc[key];
    if (v === undefined) return;
    if (typeof v !== 'string')
      throw new HarnessError('CONFIG_INVALID', `${source}: "${key}" must be a string`);
    config[key] = v;
  };
  str('target');
  str('token');
  str('out');
  str('baseline');
  // "Paths in this file are relative to the folder of this file" (fixtures/init): not to the working folder.
  const here = (p: string) => resolve(dirname(source), p);
  if (config.out !== undefined) config.out = here(config.out);
  if (config.baseline !== undefined) config.baseline = here(config.baseline);
  if (doc.profiles !== undefined)
    config.profiles = list(doc.profiles, 'profiles', source).map((p) => (isPath(p) ? here(p) : p));
  if (doc.suites !== undefined) config.suites = list(doc.suites, 'suites', source);
  if (doc.checks !== undefined) config.checks = list(doc.checks, 'checks', source);
  if (doc.checkFiles !== undefined)
    config.checkFiles = list(doc.checkFiles, 'checkFiles', source).map((p) => resolve(dirname(source), p));
  if (doc.transpileOnly !== undefined) {
    if (typeof doc.transpileOnly !== 'boolean')
      throw new HarnessError('CONFIG_INVALID', `${source}: "transpileOnly" must be true or false`);
    config.transpileOnly = doc.transpileOnly;
  }
  if (doc.strict !== undefined) {
    if (typeof doc.strict !== 'boolean')
      throw new HarnessError('CONFIG_INVALID', `${source}: "strict" must be true or false`);
    config.strict = doc.strict;
  }
  if (doc.report !== undefined) config.report = list(doc.report, 'report', source);
  if (doc.failOn !== undefined) config.failOn = parseFailOn(doc.failOn, source);
  if (doc.seed !== undefined)
    config.seed = parseInteger(doc.seed, `${source}: seed`, 0, 2 ** 32 - 1, 'CONFIG_INVALID');
  if (doc.timeout !== undefined)
    config.timeout = parseInteger(doc.timeout, `${source}: timeout`, 1, 3_600_000, 'CONFIG_INVALID');
  return config;
}

/** The environment's part of the configuration. */
export function envConfig(env: NodeJS.ProcessEnv): RunConfig {
  const config: RunConfig = {};
  if (env.SCIM_BASE_URL) config.target = env.SCIM_BASE_URL;
  if (env.SCIM_TOKEN) config.token = env.SCIM_TOKEN;
  return config;
}
