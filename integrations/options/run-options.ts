/**
 * The one shape of run options: what `run()` takes, what `scimulator run` maps its flags into, what the
 * vitest integration passes on, and what a config file and the environment fill in below them.
 * @module
 */
import type { RequestListener } from 'node:http';
import type { ContainerTargetOptions } from '../../engine/container/index.js';
import type { ProfileInfo, SuiteDefinition } from '../../engine/model/index.js';
import type { TextStream } from '../../engine/reporters/index.js';
import type { FailOn, RunChecksOptions, RunTimeouts } from '../../engine/runner/index.js';
import type { FetchHandler, InProcessTarget } from '../../engine/transport/index.js';

/** Reporter names of `--report` / `reports`. */
export const REPORTER_NAMES = ['console', 'json', 'junit', 'html', 'md', 'har'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

/** A list option: an array, or one comma-separated string (`'rfc,entra-id'`). */
type ListOption<T = string> = string | readonly T[];

export interface RunOptions extends Omit<
  RunChecksOptions,
  'target' | 'suites' | 'profiles' | 'createTransport' | 'only' | 'seed'
> {
  /**
   * The target's SCIM base URL. Without it (and without `handler`, `listener` or `container`) the embedded
   * rfc reference server is started on a loopback port and stopped afterwards. With `handler` or
   * `listener`, the URL requests are addressed to (default `http://localhost/scim/v2`); nothing is opened.
   */
  target?: string;
  /** Run in process against a fetch-style handler `(Request) => Response | Promise<Response>`. */
  handler?: FetchHandler;
  /** Run in process against a Node request listener `(req, res) => void` (no port is opened). */
  listener?: RequestListener;
  /** Start this image with testcontainers, run against it, stop it (needs a container engine). */
  container?: ContainerTargetOptions;
  /**
   * Profile names (every name `scimulator list profiles` prints, and verdict names such as `gitlab`),
   * profile files (YAML, JSON, or a TypeScript/JavaScript `defineProfile` module), or loaded profiles; an
   * array or a comma-separated string. Default `rfc,entra-id,okta,onelogin`; `rfc` judges the RFC alone.
   */
  profiles?: ListOption<string | ProfileInfo>;
  /** Built-in suite names and/or your own suites. Default: every built-in suite. */
  suites?: ListOption<string | SuiteDefinition>;
  /** Check ids or `prefix*` patterns; with `suites`, the union runs (like `--suite` + `--check`). */
  checks?: ListOption;
  /** Check ids, suite names or `prefix*` patterns, added to `suites` and `checks`. */
  only?: ListOption;
  /** Files or folders of user-written checks (`--checks`); their suites join the catalogue. */
  checkFiles?: ListOption;
  /** Compile user TypeScript (`checkFiles`, profile modules) without type checking (`--transpile-only`). */
  transpileOnly?: boolean;
  /** Reporters (`--report`); default none (the CLI: console). `console` writes to `stdout`; the others to `out`. */
  reports?: ListOption<ReporterName>;
  /** Folder for report files; default `reports`. */
  out?: string;
  /** Seed of the test data (0 … 2^32-1); random (and reported) when absent. */
  seed?: number;
  /** Per-request deadline in ms (`--timeout`, 1 … 3600000): headers, body and whole request. `timeouts` wins per field. */
  timeout?: number;
  /** Known-failures file (`--baseline`); read by the CLI. */
  baseline?: string;
  /** Where the console reporter writes; default `process.stdout`. */
  stdout?: TextStream;
  /** The console reporter prints every check and the suite table (`--verbose`). */
  verbose?: boolean;
  /** Append the markdown summary here when `reports` has `md` (default `$GITHUB_STEP_SUMMARY`). */
  githubStepSummary?: string;
  /**
   * A config file (JSON or YAML, as `scimulator init` writes it); its settings rank below these options and
   * the environment. The CLI's `--config`.
   */
  config?: string;
  /**
   * The environment to read `SCIM_BASE_URL`, `SCIM_TOKEN` and `GITHUB_STEP_SUMMARY` from; they rank below
   * these options and above the config file. Default: `GITHUB_STEP_SUMMARY` of `process.env` only (pass
   * `process.env` to read all three, as the CLI does).
   */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Where a run goes: exactly one kind of target. */
export type ResolvedTarget =
  | { kind: 'url'; url: string }
  | { kind: 'in-process'; inProcess: InProcessTarget; url?: string }
  | { kind: 'container'; container: ContainerTargetOptions }
  | { kind: 'embedded' };

/** Run options after every layer was merged and checked: what the runner and the reporters take. */
export interface ResolvedRunOptions extends Omit<
  RunChecksOptions,
  'target' | 'suites' | 'profiles' | 'createTransport' | 'only' | 'timeouts'
> {
  target: ResolvedTarget;
  profiles: ProfileInfo[];
  /** The catalogue: built-in suites (with lifecycle suites of custom profiles) and user suites. */
  suites: SuiteDefinition[];
  only?: string[];
  customSuites: string[];
  failOn: FailOn;
  reports: ReporterName[];
  out: string;
  timeouts?: Partial<RunTimeouts>;
  baseline?: string;
  stdout?: TextStream;
  verbose: boolean;
  githubStepSummary?: string;
  /** The environment used (for the console reporter's colour decision). */
  env: Readonly<Record<string, string | undefined>>;
}

/*
 * A new run option: add it to `RunOptions` (or to the runner's `RunChecksOptions`), name its flag in
 * FLAG_NAMES (the type checker insists), check its value in resolveRunOptions (values.ts has integer, boolean,
 * text, list; a runner option without a check passes through unchanged), and map the flag in the CLI's
 * `optionsFromFlags` (cli/commands/run.ts). A config-file key also goes into engine/config's schema.
 */

/**
 * Every option's name as a flag of `scimulator run`; errors about a value given on the command line name the
 * flag, errors about a value given in code name the option. The mapped type makes a new option in
 * `RunOptions` (or `RunChecksOptions`) a type error until it is listed here.
 */
export const FLAG_NAMES: { readonly [K in keyof Required<RunOptions>]: string } = {
  target: '--target',
  handler: 'handler',
  listener: 'listener',
  container: '--target-image',
  token: '--token',
  profiles: '--profile',
  suites: '--suite',
  checks: '--check',
  only: 'only',
  checkFiles: '--checks',
  transpileOnly: '--transpile-only',
  reports: '--report',
  out: '--out',
  seed: '--seed',
  timeout: '--timeout',
  timeouts: 'timeouts',
  baseline: '--baseline',
  stdout: 'stdout',
  verbose: '--verbose',
  githubStepSummary: 'GITHUB_STEP_SUMMARY',
  config: '--config',
  env: 'env',
  failOn: '--fail-on',
  strict: '--strict',
  customSuites: 'customSuites',
  maxResponseBytes: 'maxResponseBytes',
  onStart: 'onStart',
  onResult: 'onResult',
  isKnown: 'isKnown',
  signal: 'signal',
  handleSignals: 'handleSignals',
  preflight: 'preflight',
  maxTimeMs: '--max-time',
  rate: '--rate',
  breaker: 'breaker',
  retryAfter: 'retryAfter',
  cleanupMs: 'cleanupMs',
  concurrency: '--concurrency',
};
