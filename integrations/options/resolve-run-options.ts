/**
 * `resolveRunOptions()`: the one resolver of run options, used by `scimulator run`, `run()` and
 * `defineConformanceTests()`. Precedence, first wins: the call's options (the CLI's flags, mapped into the
 * same shape) > the environment (`SCIM_BASE_URL`, `SCIM_TOKEN`, `GITHUB_STEP_SUMMARY`) > the config file >
 * the caller's defaults > the built-in defaults. Every invalid value is a HarnessError with a stable code:
 * USAGE for options, flags and the environment, CONFIG_INVALID for the config file and profile files.
 * @module
 */
import { envConfig, parseRunConfig, readConfigFile, type RunConfig } from '../../engine/config/index.js';
import type { ContainerTargetOptions } from '../../engine/container/index.js';
import { HarnessError } from '../../engine/errors.js';
import { displayPath, loadCheckFiles } from '../../engine/loader/index.js';
import type { ProfileInfo, SuiteDefinition } from '../../engine/model/index.js';
import { plural } from '../../engine/reporters/text.js';
import type { RunChecksOptions, RunTimeouts } from '../../engine/runner/index.js';
import type { InProcessTarget } from '../../engine/transport/index.js';
import { shippedProfileNames } from '../../profiles/index.js';
import { SUITES } from '../../suites/index.js';
import { isProfileInfo, resolveProfiles } from './resolve-profiles.js';
import { resolveSelection, type Selection } from './resolve-selection.js';
import {
  FLAG_NAMES,
  REPORTER_NAMES,
  type ReporterName,
  type ResolvedRunOptions,
  type ResolvedTarget,
  type RunOptions,
} from './run-options.js';
import { didYouMean } from '../../engine/config/suggest.js';
import { boolean, failOn, fn, integer, listOf, object, requestRate, shown, text } from './values.js';

/** Consecutive unanswered requests that stop a run (`breaker`). */
const DEFAULT_BREAKER = 5;
/** 429 + Retry-After, every method (docs/safety.md): four retries, waits up to 10 s each, adaptive pacing. */
const DEFAULT_RETRY_AFTER = { maxRetries: 4, maxWaitMs: 10_000 };
/** Bounds of `seed` (a uint32) and `timeout` (an hour), shared with the config file's schema. */
const MAX_SEED = 2 ** 32 - 1;
const MAX_TIMEOUT_MS = 3_600_000;
const MAX_RUN_MS = 7 * 24 * 3600 * 1000;
/** More checks in flight than this only queues requests on the target. */
const MAX_CONCURRENCY = 1000;

interface ResolveContext {
  /** `flags`: the options are the CLI's flags and errors name the flag (`--seed`); default `call`. */
  given?: 'flags' | 'call';
  /** The lowest layer, below the config file: the caller's own defaults (the CLI's `reports: console`). */
  defaults?: RunOptions;
  /** One line per note the user should see (a token in the config file, check files loaded). */
  notify?: (line: string) => void;
}

type Key = keyof RunOptions;
type Layer = 'given' | 'env' | 'file' | 'defaults';

const KEYS = Object.keys(FLAG_NAMES) as Key[];
const ENV_NAMES: Partial<Record<Key, string>> = {
  target: 'SCIM_BASE_URL',
  token: 'SCIM_TOKEN',
  githubStepSummary: 'GITHUB_STEP_SUMMARY',
};
/** Options this module turns into something else (a target, profiles, a catalogue, reporters, …). */
const RESOLVED_HERE = new Set<Key>([
  'target',
  'handler',
  'listener',
  'container',
  'profiles',
  'suites',
  'checks',
  'only',
  'checkFiles',
  'transpileOnly',
  'reports',
  'out',
  'timeout',
  'timeouts',
  'baseline',
  'stdout',
  'verbose',
  'githubStepSummary',
  'config',
  'env',
  'failOn',
  'customSuites',
]);
const TIMEOUT_FIELDS = ['connectMs', 'headersMs', 'bodyMs', 'requestMs', 'scenarioMs'] as const;

/** A config file's settings in the options' shape (it was validated against its schema already). */
function fromConfigFile(config: RunConfig): RunOptions {
  const { report, checks, failOn: gate, ...rest } = config;
  return {
    ...rest,
    ...(report !== undefined ? { reports: report as ReporterName[] } : {}),
    ...(checks !== undefined ? { checks } : {}),
    ...(gate !== undefined ? { failOn: gate } : {}),
  };
}

function checkKeys(options: Record<string, unknown>): void {
  for (const key of Object.keys(options)) {
    if ((KEYS as string[]).includes(key)) continue;
    throw new HarnessError('USAGE', `unknown run option "${key}"${didYouMean(key, KEYS)}`);
  }
}

/** Which layer gives each option, and its value there. */
function merge(layers: ReadonlyArray<[Layer, RunOptions]>): Map<Key, { layer: Layer; value: unknown }> {
  const merged = new Map<Key, { layer: Layer; value: unknown }>();
  for (const key of KEYS) {
    for (const [layer, options] of layers) {
      const value = options[key];
      if (value !== undefined) {
        merged.set(key, { layer, value });
        break;
      }
    }
  }
  return merged;
}

function containerOptions(value: unknown, label: string): ContainerTargetOptions {
  const c = object(value, label);
  const image = text(c.image, `${label}.image`);
  const port = integer(c.port, `${label}.port`, 1, 65_535);
  if (c.path !== undefined) text(c.path, `${label}.path`);
  if (c.env !== undefined) object(c.env, `${label}.env`);
  if (c.startupTimeoutMs !== undefined) integer(c.startupTimeoutMs, `${label}.startupTimeoutMs`, 1);
  return { ...(c as unknown as ContainerTargetOptions), image, port };
}

/** A base URL: http or https (the variable or flag that gave it is named, so a wrong $SCIM_BASE_URL is found). */
function httpUrl(value: unknown, label: string): string {
  const url = text(value, label);
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    // Not a URL at all: the sentence below says what is expected.
  }
  if (protocol !== 'http:' && protocol !== 'https:')
    throw new HarnessError('USAGE', `${label} must be an http(s) URL, got "${url}"`);
  return url;
}

function targetOf(
  get: (key: Key) => unknown,
  label: (key: Key) => string,
  layerOf: (key: Key) => Layer | undefined,
): ResolvedTarget {
  const handler = get('handler');
  const listener = get('listener');
  const container = get('container');
  // A handler, listener or container given here outranks a target URL from the environment or a file.
  const outranked =
    [handler, listener, container].some((k) => k !== undefined) && layerOf('target') !== 'given';
  const target = outranked ? undefined : get('target');
  if (target !== undefined) httpUrl(target, label('target'));
  const kinds = [handler, listener, container].filter((k) => k !== undefined);
  if (kinds.length > 1)
    throw new HarnessError('USAGE', 'give at most one of handler, listener and container');
  if (container !== undefined && target !== undefined)
    throw new HarnessError('USAGE', 'give either target or container, not both');
  const url = target as string | undefined;
  if (handler !== undefined) {
    const inProcess: InProcessTarget = { handler: fn(handler, label('handler')) };
    return { kind: 'in-process', inProcess, ...(url !== undefined ? { url } : {}) };
  }
  if (listener !== undefined) {
    const inProcess: InProcessTarget = { listener: fn(listener, label('listener')) };
    return { kind: 'in-process', inProcess, ...(url !== undefined ? { url } : {}) };
  }
  if (container !== undefined)
    return { kind: 'container', container: containerOptions(container, label('container')) };
  return url !== undefined ? { kind: 'url', url } : { kind: 'embedded' };
}

function timeoutsOf(value: unknown, label: string): Partial<RunTimeouts> {
  const t = object(value, label);
  for (const [field, ms] of Object.entries(t)) {
    if (!(TIMEOUT_FIELDS as readonly string[]).includes(field))
      throw new HarnessError(
        'USAGE',
        `${label}: unknown field "${field}"${didYouMean(field, TIMEOUT_FIELDS)}`,
      );
    if (ms !== undefined) integer(ms, `${label}.${field}`, 1);
  }
  return t as Partial<RunTimeouts>;
}

/** Reporter names as `--report` takes them; an unknown one is USAGE listing the available ones. */
export function checkReporters(names: readonly string[]): ReporterName[] {
  for (const name of names) {
    if (!(REPORTER_NAMES as readonly string[]).includes(name))
      throw new HarnessError('USAGE', `unknown reporter "${name}" (available: ${REPORTER_NAMES.join(', ')})`);
  }
  return names as ReporterName[];
}

function isSuite(value: unknown): value is SuiteDefinition {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as SuiteDefinition).name === 'string' &&
    Array.isArray((value as SuiteDefinition).checks)
  );
}

/** Loads `checkFiles` (user-written checks), naming each file loaded in one line. */
async function loadUserSuites(
  files: readonly string[],
  transpileOnly: boolean,
  notify: (line: string) => void,
): Promise<SuiteDefinition[]> {
  if (files.length === 0) return [];
  const loaded = await loadCheckFiles(files, { transpileOnly, builtIn: SUITES });
  for (const f of loaded.files) {
    const how =
      f.compileMs > 0
        ? `${f.typeChecked ? 'type-checked' : 'transpiled'} in ${Math.round(f.compileMs)} ms, `
        : '';
    notify(
      `loaded ${displayPath(f.file)}: ${plural(f.checks, 'check')} in ${f.suites.join(', ')} (${how}${Math.round(f.totalMs)} ms)`,
    );
  }
  return loaded.suites;
}

/** The merged layers: each option's value, and its name as the layer that gave it spells it. */
interface Layers {
  has(key: Key): boolean;
  get(key: Key): unknown;
  label(key: Key): string;
  layerOf(key: Key): Layer | undefined;
  /** The config file read, if any. */
  configFile: string | undefined;
}

/** Step 1: reads the config file and the environment and merges them under the given options. */
async function readLayers(given: RunOptions, asFlags: boolean, context: ResolveContext): Promise<Layers> {
  const notify = context.notify ?? (() => undefined);
  const configFile =
    given.config !== undefined ? text(given.config, asFlags ? '--config' : 'config') : undefined;
  const fileConfig = configFile ? parseRunConfig(await readConfigFile(configFile), configFile) : {};
  if (fileConfig.token !== undefined)
    notify(`scimulator: ${configFile} holds a token; prefer SCIM_TOKEN so it stays out of version control`);
  if (given.env !== undefined) object(given.env, 'env');
  const env = given.env ?? { GITHUB_STEP_SUMMARY: process.env.GITHUB_STEP_SUMMARY };
  const envLayer: RunOptions = {
    ...envConfig(env as NodeJS.ProcessEnv),
    ...(env.GITHUB_STEP_SUMMARY ? { githubStepSummary: env.GITHUB_STEP_SUMMARY } : {}),
  };
  const merged = merge([
    ['given', given],
    ['env', envLayer],
    ['file', fromConfigFile(fileConfig)],
    ['defaults', context.defaults ?? {}],
  ]);
  return {
    has: (key) => merged.has(key),
    get: (key) => merged.get(key)?.value,
    layerOf: (key) => merged.get(key)?.layer,
    label: (key) => {
      const layer = merged.get(key)?.layer;
      if (layer === 'env') return ENV_NAMES[key] ?? key;
      if (layer === 'file') return `${configFile}: ${key}`;
      return asFlags ? FLAG_NAMES[key] : key;
    },
    configFile,
  };
}

type RunnerOptions = Partial<
  Omit<RunChecksOptions, 'target' | 'suites' | 'profiles' | 'only' | 'createTransport'>
>;

/** Step 2: the runner's own options, checked, with the library's safe defaults. */
function runnerOptions({ has, get, label }: Layers): RunnerOptions {
  // Runner options without a check of their own below pass through as given (a new one is never dropped).
  const runner: RunnerOptions = Object.fromEntries(
    KEYS.filter((key) => has(key) && !RESOLVED_HERE.has(key)).map((key) => [key, get(key)]),
  ) as RunnerOptions;
  if (has('token')) runner.token = text(get('token'), label('token'));
  if (has('seed')) runner.seed = integer(get('seed'), label('seed'), 0, MAX_SEED);
  if (has('strict')) runner.strict = boolean(get('strict'), label('strict'));
  if (has('maxTimeMs')) runner.maxTimeMs = integer(get('maxTimeMs'), label('maxTimeMs'), 1, MAX_RUN_MS);
  if (has('rate')) runner.rate = requestRate(get('rate'), label('rate'));
  if (has('maxResponseBytes'))
    runner.maxResponseBytes = integer(get('maxResponseBytes'), label('maxResponseBytes'), 1);
  if (has('cleanupMs')) runner.cleanupMs = integer(get('cleanupMs'), label('cleanupMs'), 0);
  if (has('concurrency'))
    runner.concurrency = integer(get('concurrency'), label('concurrency'), 1, MAX_CONCURRENCY);
  if (has('handleSignals')) runner.handleSignals = boolean(get('handleSignals'), label('handleSignals'));
  runner.preflight = has('preflight') ? boolean(get('preflight'), label('preflight')) : true;
  // Safe on real endpoints: a dead target stops the run after a few unanswered requests (issue 16); 0 is off.
  runner.breaker = has('breaker') ? integer(get('breaker'), label('breaker'), 0) : DEFAULT_BREAKER;
  if (has('retryAfter')) {
    const r = object(get('retryAfter'), label('retryAfter'));
    runner.retryAfter = {
      maxRetries: integer(r.maxRetries, `${label('retryAfter')}.maxRetries`, 0),
      maxWaitMs: integer(r.maxWaitMs, `${label('retryAfter')}.maxWaitMs`, 0),
    };
  } else runner.retryAfter = DEFAULT_RETRY_AFTER;
  for (const key of ['onStart', 'onResult', 'isKnown'] as const) if (has(key)) fn(get(key), label(key));
  if (has('signal') && !(get('signal') instanceof AbortSignal))
    throw new HarnessError('USAGE', `${label('signal')} must be an AbortSignal, got ${shown(get('signal'))}`);
  const timeout = has('timeout') ? integer(get('timeout'), label('timeout'), 1, MAX_TIMEOUT_MS) : undefined;
  const timeouts = has('timeouts') ? timeoutsOf(get('timeouts'), label('timeouts')) : undefined;
  if (timeout !== undefined || timeouts !== undefined)
    runner.timeouts = {
      ...(timeout !== undefined ? { requestMs: timeout, headersMs: timeout, bodyMs: timeout } : {}),
      ...timeouts,
    };
  return runner;
}

/** Step 3: profiles, user check files and the selection: the catalogue the run plans from. */
async function catalogueOf(
  { has, get, label }: Layers,
  transpileOnly: boolean,
  notify: (line: string) => void,
): Promise<{ profiles: ProfileInfo[]; selection: Selection; customSuites: string[] }> {
  const profileSpecs = has('profiles')
    ? listOf(get('profiles'), label('profiles'), 'profile names or files', isProfileInfo)
    : [];
  const profiles = await resolveProfiles(profileSpecs, transpileOnly);
  // Custom profile files get their own lifecycle replay, like the shipped ones.
  const shipped = shippedProfileNames();
  const customProfiles = profiles
    .filter((p) => !shipped.includes(p.name) && Object.keys(p.data).length > 0)
    .map((p) => p.name);
  const checkFiles = has('checkFiles')
    ? listOf(get('checkFiles'), label('checkFiles'), 'files or folders')
    : [];
  const loadedSuites = await loadUserSuites(checkFiles as string[], transpileOnly, notify);
  const names = (key: 'checks' | 'only') =>
    has(key) ? (listOf(get(key), label(key), 'check ids or patterns') as string[]) : [];
  const selection = resolveSelection({
    suites: has('suites') ? listOf(get('suites'), label('suites'), 'suite names or suites', isSuite) : [],
    checks: names('checks'),
    only: names('only'),
    loadedSuites,
    customProfiles,
  });
  const customSuites = has('customSuites')
    ? (listOf(get('customSuites'), label('customSuites'), 'suite names') as string[])
    : [];
  return { profiles, selection, customSuites };
}

/**
 * Resolves run options from every layer into what the runner takes, or throws a HarnessError (USAGE,
 * CONFIG_INVALID) before anything starts. Reads the config file and loads profile and check files; starts
 * nothing and writes nothing.
 */
export async function resolveRunOptions(
  options: unknown,
  context: ResolveContext = {},
): Promise<ResolvedRunOptions> {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new HarnessError('USAGE', `run options must be an object, got ${shown(options)}`);
  const given = options as RunOptions;
  const asFlags = context.given === 'flags';
  if (!asFlags) checkKeys(given as Record<string, unknown>);
  const notify = context.notify ?? (() => undefined);
  const layers = await readLayers(given, asFlags, context);
  const { has, get, label } = layers;

  const target = targetOf(get, label, layers.layerOf);
  const transpileOnly = has('transpileOnly') ? boolean(get('transpileOnly'), label('transpileOnly')) : false;
  const runner = runnerOptions(layers);
  const stdout = get('stdout');
  if (stdout !== undefined) fn((stdout as { write?: unknown } | null)?.write, `${label('stdout')}.write`);
  const gate = has('failOn') ? failOn(get('failOn'), label('failOn')) : 'must';
  const reports = has('reports')
    ? checkReporters(listOf(get('reports'), label('reports'), 'reporter names') as string[])
    : [];
  const out = has('out') ? text(get('out'), label('out')) : 'reports';
  const baseline = has('baseline') ? text(get('baseline'), label('baseline')) : undefined;
  const githubStepSummary = has('githubStepSummary')
    ? text(get('githubStepSummary'), label('githubStepSummary'))
    : undefined;
  const verbose = has('verbose') ? boolean(get('verbose'), label('verbose')) : false;
  const { profiles, selection, customSuites } = await catalogueOf(layers, transpileOnly, notify);

  return {
    ...runner,
    target,
    profiles,
    suites: selection.catalogue,
    ...(selection.only ? { only: selection.only } : {}),
    customSuites: [...selection.customSuites, ...customSuites],
    failOn: gate,
    reports,
    out,
    ...(baseline !== undefined ? { baseline } : {}),
    ...(stdout !== undefined ? { stdout: stdout as ResolvedRunOptions['stdout'] } : {}),
    verbose,
    ...(githubStepSummary !== undefined ? { githubStepSummary } : {}),
    env: given.env ?? process.env,
  };
}
