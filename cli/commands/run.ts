/** `scimulator run`: its flags mapped into the one options model (integrations/options), then the run and the reporters. */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { HarnessError } from '../../engine/errors.js';
import { parseInteger } from '../../engine/config/index.js';
import { createConsoleReporter, createProgress } from '../../engine/reporters/index.js';
import { plural } from '../../engine/reporters/text.js';
import { checkOutFolder, writeReports } from '../../integrations/library/write-reports.js';
import { runResolved } from '../../integrations/library/run.js';
import { resolveRunOptions, type RunOptions } from '../../integrations/options/index.js';
import { exitCodeFor } from '../../engine/runner/index.js';
import { toolVersion } from '../../engine/version.js';
import {
  baselineFromResults,
  compareWithBaseline,
  knownFailureMatcher,
  readBaseline,
  writeBaseline,
  type Baseline,
} from '../../engine/baseline/index.js';
import { parseEnvPairs, type ContainerTargetOptions } from '../../engine/container/index.js';
import { findConfigFile } from '../../engine/config/config-schema.js';
import { DEFAULT_TIMEOUTS } from '../../engine/transport/index.js';
import { collect, examples, EXIT, write, type CliIo } from '../io.js';

export interface RunFlags {
  target?: string;
  token?: string;
  profile?: string;
  suite?: string;
  check?: string[];
  checks?: string[];
  transpileOnly?: boolean;
  report?: string;
  out?: string;
  failOn?: string;
  strict?: boolean;
  verbose?: boolean;
  baseline?: string;
  updateBaseline?: boolean;
  seed?: string;
  config?: string;
  timeout?: string;
  maxTime?: string;
  rate?: string;
  quiet?: boolean;
  concurrency?: string;
  failOnLeftovers?: boolean;
  targetImage?: string;
  targetPort?: string;
  targetPath?: string;
  targetEnv?: string[];
}

/** `--target-image` and friends: a container target (engine/container), or undefined. */
function containerTarget(flags: RunFlags): ContainerTargetOptions | undefined {
  if (flags.targetImage === undefined) {
    if (flags.targetPort !== undefined || flags.targetPath !== undefined || flags.targetEnv !== undefined)
      throw new HarnessError('USAGE', '--target-port, --target-path and --target-env need --target-image');
    return undefined;
  }
  if (flags.target !== undefined)
    throw new HarnessError('USAGE', 'give either --target or --target-image, not both');
  if (flags.targetPort === undefined) throw new HarnessError('USAGE', '--target-image needs --target-port');
  return {
    image: flags.targetImage,
    port: parseInteger(flags.targetPort, '--target-port', 1, 65_535),
    ...(flags.targetPath !== undefined ? { path: flags.targetPath } : {}),
    ...(flags.targetEnv !== undefined ? { env: parseEnvPairs(flags.targetEnv) } : {}),
  };
}

const EARLY_SIGNALS = [
  ['SIGINT', EXIT.SIGINT],
  ['SIGTERM', EXIT.SIGTERM],
] as const;

/**
 * Ctrl-C before the first check (loading checks, starting the embedded server, discovery) would otherwise
 * end the process silently: say in one line that nothing was created. Once the runner has its own handler
 * (it cleans up), this one only notes the signal; `dispose` removes it when the first check starts.
 */
function watchEarlySignals(io: CliIo): { signal: () => NodeJS.Signals | undefined; dispose: () => void } {
  let received: NodeJS.Signals | undefined;
  const installed = EARLY_SIGNALS.map(([sig, code]) => {
    // Listeners already there (bin/scimulator.js has one) are not the runner's.
    const before = process.listenerCount(sig);
    const handler = () => {
      received ??= sig;
      if (process.listenerCount(sig) > before + 1) return;
      write(io.stderr, interruptedEarly(sig));
      process.exit(code);
    };
    process.on(sig, handler);
    return [sig, handler] as const;
  });
  let disposed = false;
  return {
    signal: () => received,
    dispose: () => {
      if (disposed) return;
      disposed = true;
      for (const [sig, handler] of installed) process.off(sig, handler);
    },
  };
}

function interruptedEarly(sig: NodeJS.Signals): string {
  return `scimulator: interrupted (${sig}) before the first check: nothing was created on the target and no report was written`;
}

async function runCommand(flags: RunFlags, io: CliIo): Promise<number> {
  const early = watchEarlySignals(io);
  try {
    return await runWatched(flags, io, early);
  } catch (err) {
    const sig = early.signal();
    if (sig === undefined) throw err;
    // The interruption, not the aborted discovery, is what the user needs to hear.
    write(io.stderr, interruptedEarly(sig));
    process.exit(sig === 'SIGINT' ? EXIT.SIGINT : EXIT.SIGTERM);
  } finally {
    early.dispose();
  }
}

/**
 * The flags in the options' shape: lists and numbers stay as typed (the resolver splits and checks them and
 * names the flag in its errors); `--max-time` is seconds here and milliseconds in the options.
 */
export function optionsFromFlags(flags: RunFlags, env: NodeJS.ProcessEnv, config?: string): RunOptions {
  const container = containerTarget(flags);
  const maxTime =
    flags.maxTime !== undefined ? parseInteger(flags.maxTime, '--max-time', 1, 7 * 24 * 3600) : undefined;
  const check = flags.check?.join(',');
  return {
    ...(container ? { container } : flags.target !== undefined ? { target: flags.target } : {}),
    ...(flags.token !== undefined ? { token: flags.token } : {}),
    ...(flags.profile !== undefined ? { profiles: flags.profile } : {}),
    ...(flags.suite !== undefined ? { suites: flags.suite } : {}),
    ...(check !== undefined ? { checks: check } : {}),
    ...(flags.checks !== undefined ? { checkFiles: flags.checks } : {}),
    ...(flags.transpileOnly ? { transpileOnly: true } : {}),
    ...(flags.report !== undefined ? { reports: flags.report } : {}),
    ...(flags.out !== undefined ? { out: flags.out } : {}),
    ...(flags.failOn !== undefined ? { failOn: flags.failOn as RunOptions['failOn'] } : {}),
    ...(flags.strict ? { strict: true } : {}),
    ...(flags.baseline !== undefined ? { baseline: flags.baseline } : {}),
    ...(flags.seed !== undefined ? { seed: flags.seed as unknown as number } : {}),
    ...(flags.timeout !== undefined ? { timeout: flags.timeout as unknown as number } : {}),
    ...(maxTime !== undefined ? { maxTimeMs: maxTime * 1000 } : {}),
    ...(flags.rate !== undefined ? { rate: flags.rate as unknown as number } : {}),
    ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency as unknown as number } : {}),
    ...(flags.verbose ? { verbose: true } : {}),
    ...(config !== undefined ? { config } : {}),
    env,
  };
}

async function runWatched(
  flags: RunFlags,
  io: CliIo,
  early: ReturnType<typeof watchEarlySignals>,
): Promise<number> {
  // Without --config, a scimulator.config.{json,yaml,yml} in the working directory is used.
  const configFile = flags.config ?? findConfigFile(process.cwd());
  const quiet = flags.quiet === true;
  if (configFile !== undefined && flags.config === undefined && !quiet)
    write(io.stderr, `scimulator: using ${configFile}`);
  const options = await resolveRunOptions(optionsFromFlags(flags, io.env, configFile), {
    given: 'flags',
    defaults: { reports: ['console'] },
    notify: (line) => write(io.stderr, line),
  });
  const baselineFile = options.baseline;
  const updateBaseline = flags.updateBaseline === true;
  if (updateBaseline && baselineFile === undefined)
    throw new HarnessError('USAGE', '--update-baseline needs --baseline FILE (the file to write)');
  // With --update-baseline the file may not exist yet; an existing one only lends its notes.
  const baseline: Baseline | undefined =
    baselineFile !== undefined && (!updateBaseline || existsSync(baselineFile))
      ? await readBaseline(baselineFile)
      : undefined;
  const { reports: reporters, out, failOn } = options;
  // Before the first request: an unwritable folder would otherwise fail only after the whole run.
  await checkOutFolder(reporters, out);
  if (options.target.kind === 'url' && options.token === undefined) {
    write(
      io.stderr,
      'scimulator: no token given (--token or SCIM_TOKEN): requests carry no Authorization header',
    );
  }

  // The live line goes to stderr (a TTY only); console output first erases it, so the two never mix.
  const progress = createProgress({ stream: io.stderr, env: io.env, ...(quiet ? { enabled: false } : {}) });
  const consoleReporter = reporters.includes('console')
    ? createConsoleReporter({
        stream: progress.around(io.stdout),
        env: io.env,
        verbose: options.verbose,
        progress: false,
      })
    : undefined;
  const report = await runResolved({
    ...options,
    ...(baseline && !updateBaseline ? { isKnown: knownFailureMatcher(baseline) } : {}),
    handleSignals: true,
    onStart: (info) => {
      early.dispose();
      consoleReporter?.start({ ...info, version: toolVersion() });
      progress.start(info.planned);
    },
    onResult: (result) => {
      consoleReporter?.result(result);
      progress.result(result);
    },
  }).finally(() => progress.stop());
  const earlySignal = early.signal();
  if (earlySignal !== undefined && report.results.length === 0) {
    write(io.stderr, interruptedEarly(earlySignal));
    process.exit(earlySignal === 'SIGINT' ? EXIT.SIGINT : EXIT.SIGTERM);
  }
  if (baseline && baselineFile !== undefined && !updateBaseline)
    report.baseline = compareWithBaseline(report.results, baseline, baselineFile);
  consoleReporter?.end(report, failOn);
  for (const file of await writeReports(report, reporters, out, io.env.GITHUB_STEP_SUMMARY)) {
    if (!quiet) write(io.stderr, `wrote ${file}`);
  }
  if (report.interrupted === 'SIGINT' || report.interrupted === 'SIGTERM') {
    // The signal path: cleanup and reports are done; leave with the conventional code.
    process.exit(report.interrupted === 'SIGINT' ? EXIT.SIGINT : EXIT.SIGTERM);
  }
  if (updateBaseline && baselineFile !== undefined) {
    const next = baselineFromResults(report.results, baseline);
    await writeBaseline(baselineFile, next);
    write(io.stderr, `wrote ${baselineFile} (${plural(next.known.length, 'known failure')})`);
    return EXIT.OK;
  }
  const code = exitCodeFor(report, failOn);
  // Leftovers are warnings unless asked otherwise: a CI job can insist the target is left clean.
  return flags.failOnLeftovers && report.cleanup.length > 0 ? Math.max(code, EXIT.CHECKS_FAILED) : code;
}

export function registerRun(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('run')
    .description('run conformance checks against a target (default: the embedded rfc reference server)')
    .option(
      '--target <url>',
      'SCIM base URL of the target (default: $SCIM_BASE_URL, else the embedded rfc reference server)',
    )
    .option('--token <token>', 'bearer token (or $SCIM_TOKEN)')
    .option(
      '--profile <names|file>',
      'IdP profiles, comma-separated, or a profile file (default: rfc,entra-id,okta,onelogin)',
    )
    .option('--suite <names>', 'suites to run, comma-separated (default: all)')
    .option('--check <id>', 'a check id or `prefix*` to run (repeatable)', collect)
    .option(
      '--checks <file|dir>',
      'user-written checks: a .ts/.js file or a folder of *.check.ts (repeatable)',
      collect,
    )
    .option('--transpile-only', 'compile user TypeScript (--checks, --profile) without type checking')
    .option('--report <names>', 'reporters: console,json,junit,html,md,har', 'console')
    .option('--out <dir>', 'folder for report files (default: reports; in a config file, relative to it)')
    .option('--fail-on <level>', 'must | should | never (default: must)')
    .option('--strict', 'judge contested checks at their strict level (docs/verdicts.md)')
    .option('--verbose', 'print every check as it finishes and the table per suite')
    .option('--baseline <file>', 'known-failures file (JSON or YAML): listed failures do not gate')
    .option('--update-baseline', "write the --baseline file from this run's failures and exit 0")
    .option('--seed <n>', 'seed of the generated test data (default: random, printed in the report)')
    .option(
      '--config <file>',
      'config file (JSON or YAML); flags > env > file (default: ./scimulator.config.{json,yaml,yml} if present)',
    )
    .option(
      '--timeout <ms>',
      `per-request deadline in milliseconds (default: ${DEFAULT_TIMEOUTS.requestMs} per request, ${DEFAULT_TIMEOUTS.headersMs} until headers)`,
    )
    .option(
      '--max-time <seconds>',
      'deadline of the whole run: then stop, clean up, report the rest as not run',
    )
    .option(
      '--rate <requests/s>',
      "cap the run's requests per second, across all checks (docs/performance.md#pacing)",
    )
    .option('--quiet', 'no progress line and no informational notes on stderr (warnings and the report stay)')
    .option('--concurrency <n>', 'checks in flight at once; outcomes do not depend on it (default: 8)')
    .option('--fail-on-leftovers', 'exit 1 when the run leaves anything behind on the target')
    .option('--target-image <image>', 'start this container image (testcontainers) and run against it')
    .option('--target-port <port>', 'port the --target-image listens on inside the container')
    .option('--target-path <path>', 'SCIM base path on that port, e.g. /scim/v2 (default /)')
    .option('--target-env <KEY=VALUE>', 'environment of the --target-image container (repeatable)', collect)
    .addHelpText(
      'after',
      examples(
        'scimulator run                                    # the embedded reference server, all suites',
        'SCIM_TOKEN=… scimulator run --target https://scim.example.com/scim/v2 --profile entra-id',
        'scimulator run --suite users,groups --report console,json,html --out reports',
        'scimulator run --check "users.post.*" --fail-on should --timeout 5000',
      ),
    )
    .action(async (flags: RunFlags, command: Command) => {
      // `--report` has a default; let a config file's `report` win over that default.
      if (command.getOptionValueSource('report') === 'default') delete flags.report;
      setCode(await runCommand(flags, io));
    });
}
