/**
 * Command-line composition root: wires engine, suites, profiles and the reference server.
 * `main` returns the exit code; it calls `process.exit` only after Ctrl-C/SIGTERM (130/143).
 * @module
 */
import { existsSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { isHarnessError, HarnessError } from './engine/errors.js';
import type { ProfileInfo } from './engine/model/index.js';
import {
  envConfig,
  mergeConfig,
  parseFailOn,
  parseInteger,
  parseRunConfig,
  readConfigFile,
  splitList,
  type RunConfig,
} from './engine/config/index.js';
import {
  createConsoleReporter,
  type TextStream,
  writeJsonReport,
  writeJunitReport,
} from './engine/reporters/index.js';
import { exitCodeFor, RFC_PROFILE, selectChecks, type FailOn } from './engine/runner/index.js';
import { toolVersion } from './engine/version.js';
import { run } from './index.js';
import { startServer } from './reference-server/index.js';
import { SUITES } from './suites/index.js';

export interface CliIo {
  stdout: TextStream;
  stderr: TextStream;
  env: NodeJS.ProcessEnv;
}

/** Exit codes of the command line (ARCHITECTURE.md). */
export const EXIT = { OK: 0, CHECKS_FAILED: 1, USAGE: 2, SIGINT: 130, SIGTERM: 143 } as const;

const REPORTERS = ['console', 'json', 'junit'] as const;
const LATER_REPORTERS = ['html', 'md', 'har'];
/** Built-in IdP profiles (IdP profiles as data files arrive with the profiles work). */
const KNOWN_PROFILES: readonly ProfileInfo[] = [RFC_PROFILE];

const collect = (value: string, previous: string[] = []) => [...previous, value];

function write(stream: TextStream, line: string): void {
  stream.write(line.endsWith('\n') ? line : `${line}\n`);
}

/** Columns padded to their widest cell; the last column is not padded. */
function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '),
    )
    .join('\n');
}

async function resolveProfiles(specs: readonly string[] | undefined): Promise<ProfileInfo[]> {
  if (!specs || specs.length === 0) return [RFC_PROFILE];
  const profiles: ProfileInfo[] = [];
  for (const spec of specs) {
    const known = KNOWN_PROFILES.find((p) => p.name === spec);
    if (known) {
      profiles.push(known);
    } else if (/\.(json|ya?ml)$/i.test(spec) || existsSync(spec)) {
      const raw = await readConfigFile(spec);
      const name = (raw as { name?: unknown } | null)?.name;
      if (
        typeof raw !== 'object' ||
        raw === null ||
        Array.isArray(raw) ||
        typeof name !== 'string' ||
        name === ''
      ) {
        throw new HarnessError('CONFIG_INVALID', `profile file ${spec} must be a mapping with a "name"`);
      }
      profiles.push({ name, data: raw as Record<string, unknown> });
    } else {
      throw new HarnessError(
        'USAGE',
        `unknown profile "${spec}" (known: ${KNOWN_PROFILES.map((p) => p.name).join(', ')}; or pass a profile file)`,
      );
    }
  }
  return profiles;
}

function validateSelection(config: RunConfig): string[] {
  const suiteNames = new Set(SUITES.map((s) => s.name));
  const unknownSuites = (config.suites ?? []).filter((s) => !suiteNames.has(s));
  if (unknownSuites.length > 0) {
    throw new HarnessError(
      'USAGE',
      `unknown suite: ${unknownSuites.join(', ')} (known: ${[...suiteNames].join(', ') || 'none'})`,
    );
  }
  const only = [...(config.suites ?? []), ...(config.checks ?? [])];
  // Throws USAGE for unknown check ids before anything starts.
  selectChecks(SUITES, only);
  return only;
}

function validateReporters(names: readonly string[]): void {
  for (const name of names) {
    if (LATER_REPORTERS.includes(name)) {
      throw new HarnessError(
        'NOT_AVAILABLE',
        `--report ${name} is not available yet (available: ${REPORTERS.join(', ')})`,
      );
    }
    if (!(REPORTERS as readonly string[]).includes(name)) {
      throw new HarnessError('USAGE', `unknown reporter "${name}" (available: ${REPORTERS.join(', ')})`);
    }
  }
}

interface RunFlags {
  target?: string;
  token?: string;
  profile?: string;
  suite?: string;
  check?: string[];
  report?: string;
  out?: string;
  failOn?: string;
  baseline?: string;
  seed?: string;
  config?: string;
  timeout?: string;
}

async function runCommand(flags: RunFlags, io: CliIo): Promise<number> {
  const fileConfig = flags.config ? parseRunConfig(await readConfigFile(flags.config), flags.config) : {};
  const flagConfig: RunConfig = {
    ...(flags.target !== undefined ? { target: flags.target } : {}),
    ...(flags.token !== undefined ? { token: flags.token } : {}),
    ...(flags.profile !== undefined ? { profiles: splitList(flags.profile) } : {}),
    ...(flags.suite !== undefined ? { suites: splitList(flags.suite) } : {}),
    ...(flags.check !== undefined ? { checks: flags.check.flatMap(splitList) } : {}),
    ...(flags.report !== undefined ? { report: splitList(flags.report) } : {}),
    ...(flags.out !== undefined ? { out: flags.out } : {}),
    ...(flags.failOn !== undefined ? { failOn: parseFailOn(flags.failOn, '--fail-on') } : {}),
    ...(flags.baseline !== undefined ? { baseline: flags.baseline } : {}),
    ...(flags.seed !== undefined ? { seed: parseInteger(flags.seed, '--seed', 0, 2 ** 32 - 1) } : {}),
    ...(flags.timeout !== undefined
      ? { timeout: parseInteger(flags.timeout, '--timeout', 1, 3_600_000) }
      : {}),
  };
  const config = mergeConfig(flagConfig, envConfig(io.env), fileConfig);
  if (config.baseline !== undefined)
    throw new HarnessError('NOT_AVAILABLE', '--baseline is not available yet');
  const reporters = config.report ?? ['console'];
  validateReporters(reporters);
  const failOn: FailOn = config.failOn ?? 'must';
  const only = validateSelection(config);
  const profiles = await resolveProfiles(config.profiles);
  const out = config.out ?? 'reports';
  if (config.target !== undefined && config.token === undefined) {
    write(
      io.stderr,
      'scimulator: no token given (--token or SCIM_TOKEN): requests carry no Authorization header',
    );
  }
  const t = config.timeout;

  const consoleReporter = reporters.includes('console')
    ? createConsoleReporter({ stream: io.stdout, env: io.env })
    : undefined;
  const report = await run({
    ...(config.target !== undefined ? { target: config.target } : {}),
    ...(config.token !== undefined ? { token: config.token } : {}),
    ...(config.seed !== undefined ? { seed: config.seed } : {}),
    ...(only.length > 0 ? { only } : {}),
    ...(t !== undefined ? { timeouts: { requestMs: t, headersMs: t, bodyMs: t } } : {}),
    profiles,
    failOn,
    handleSignals: true,
    onStart: (info) => consoleReporter?.start({ ...info, version: toolVersion() }),
    onResult: (result) => consoleReporter?.result(result),
  });
  consoleReporter?.end(report, failOn);
  if (reporters.includes('json')) write(io.stderr, `wrote ${await writeJsonReport(report, out)}`);
  if (reporters.includes('junit')) write(io.stderr, `wrote ${await writeJunitReport(report, out)}`);
  if (report.interrupted === 'SIGINT' || report.interrupted === 'SIGTERM') {
    // The signal path: cleanup and reports are done; leave with the conventional code.
    process.exit(report.interrupted === 'SIGINT' ? EXIT.SIGINT : EXIT.SIGTERM);
  }
  return exitCodeFor(report, failOn);
}

interface ServeFlags {
  flavor: string;
  host: string;
  port: string;
  token?: string;
  group?: string[];
  config?: string;
  quirk?: string[];
  seedUsers?: string;
}

async function serveCommand(flags: ServeFlags, io: CliIo): Promise<number> {
  if (flags.flavor !== 'gitlab' && flags.flavor !== 'rfc') {
    throw new HarnessError('USAGE', `--flavor must be gitlab or rfc, got "${flags.flavor}"`);
  }
  const port = parseInteger(flags.port, '--port', 0, 65_535);
  const seedUsers =
    flags.seedUsers !== undefined ? parseInteger(flags.seedUsers, '--seed-users', 0, 100_000) : undefined;
  const config = flags.config !== undefined ? await readConfigFile(flags.config) : undefined;
  const token = flags.token ?? io.env.SCIM_TOKEN;
  let server;
  try {
    server = await startServer({
      flavor: flags.flavor,
      host: flags.host,
      port,
      ...(token ? { token } : {}),
      ...(flags.group ? { groups: flags.group } : {}),
      ...(config !== undefined ? { config } : {}),
      ...(flags.quirk ? { quirks: flags.quirk.flatMap(splitList) } : {}),
      ...(seedUsers !== undefined ? { seedUsers } : {}),
      log: (line) => write(io.stderr, line),
    });
  } catch (err) {
    // Misconfiguration (TypeError naming the option) or a port in use: the server could not start.
    const code = (err as { code?: unknown }).code;
    const reason = code === 'EADDRINUSE' ? `port ${port} on ${flags.host} is in use` : (err as Error).message;
    throw new HarnessError('USAGE', `cannot start the ${flags.flavor} reference server: ${reason}`, {
      cause: err,
    });
  }
  for (const line of server.flavour.banner) write(io.stdout, line);
  write(io.stdout, `listening on ${server.url}`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  write(io.stderr, `${signal}: closing`);
  await server.close();
  return EXIT.OK;
}

async function listQuirks(): Promise<
  Array<{ name: string; flavour?: string; description?: string }> | undefined
> {
  const fromIndex = (await import('./reference-server/index.js')) as Record<string, unknown>;
  const fn =
    typeof fromIndex.listQuirks === 'function'
      ? fromIndex.listQuirks
      : ((await import('./reference-server/quirks/index.js')) as Record<string, unknown>).listQuirks;
  if (typeof fn !== 'function') return undefined;
  const quirks = (fn as () => unknown[])();
  return quirks.map((q) =>
    typeof q === 'string' ? { name: q } : (q as { name: string; flavour?: string; description?: string }),
  );
}

async function listCommand(what: string, io: CliIo): Promise<number> {
  switch (what) {
    case 'checks': {
      const rows = SUITES.flatMap((s) => s.checks.map((c) => [c.id, c.level, c.rfc, c.title]));
      write(io.stdout, rows.length > 0 ? table(rows) : 'no checks');
      return EXIT.OK;
    }
    case 'suites': {
      const rows = SUITES.map((s) => [s.name, String(s.checks.length), s.title]);
      write(io.stdout, rows.length > 0 ? table(rows) : 'no suites');
      return EXIT.OK;
    }
    case 'profiles':
      write(io.stdout, KNOWN_PROFILES.map((p) => p.name).join('\n'));
      return EXIT.OK;
    case 'quirks': {
      const quirks = await listQuirks();
      if (!quirks || quirks.length === 0) write(io.stdout, 'no quirks');
      else write(io.stdout, table(quirks.map((q) => [q.name, q.flavour ?? '', q.description ?? ''])));
      return EXIT.OK;
    }
    default:
      throw new HarnessError(
        'USAGE',
        `list what? expected checks, suites, profiles or quirks, got "${what}"`,
      );
  }
}

function buildProgram(io: CliIo, setCode: (code: number) => void): Command {
  const program = new Command('scimulator');
  program
    .description('SCIM 2.0 conformance and identity-provider simulation harness')
    .version(toolVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .showSuggestionAfterError()
    .helpCommand(false);

  program
    .command('serve')
    .description('start a reference SCIM server (prints "listening on <SCIM base URL>")')
    .addOption(new Option('--flavor <flavor>', 'server flavour').choices(['gitlab', 'rfc']).default('gitlab'))
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'port (0 picks a free one)', '8080')
    .option('--token <token>', 'bearer token of the rfc flavour (default: $SCIM_TOKEN or generated)')
    .option('--group <path:token>', 'gitlab flavour: a group and its SCIM token (repeatable)', collect)
    .option('--config <file>', 'gitlab flavour: groups, users and settings (JSON or YAML)')
    .option('--quirk <name>', 'switch on a named deviation (repeatable; see `list quirks`)', collect)
    .option('--seed-users <n>', 'create N users at start')
    .action(async (flags: ServeFlags) => setCode(await serveCommand(flags, io)));

  program
    .command('run')
    .description('run conformance checks against a target (default: the embedded rfc reference server)')
    .option('--target <url>', 'SCIM base URL of the target (or $SCIM_BASE_URL)')
    .option('--token <token>', 'bearer token (or $SCIM_TOKEN)')
    .option('--profile <names|file>', 'IdP profiles, comma-separated, or a profile file')
    .option('--suite <names>', 'suites to run, comma-separated (default: all)')
    .option('--check <id>', 'a check id or `prefix*` to run (repeatable)', collect)
    .option('--report <names>', 'reporters: console,json,junit', 'console')
    .option('--out <dir>', 'folder for report files', undefined)
    .option('--fail-on <level>', 'must | should | never (default: must)')
    .option('--baseline <file>', 'known-failures file (not available yet)')
    .option('--seed <n>', 'seed of the generated test data')
    .option('--config <file>', 'config file (JSON or YAML); flags > env > file')
    .option('--timeout <ms>', 'per-request deadline in milliseconds')
    .action(async (flags: RunFlags, command: Command) => {
      // `--report` has a default; let a config file's `report` win over that default.
      if (command.getOptionValueSource('report') === 'default') delete flags.report;
      setCode(await runCommand(flags, io));
    });

  program
    .command('list')
    .description('list checks, suites, profiles or quirks')
    .argument('<what>', 'checks | suites | profiles | quirks')
    .action(async (what: string) => setCode(await listCommand(what, io)));

  return program;
}

/** Runs the command line; resolves to the process exit code. */
export async function main(
  argv: string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env },
): Promise<number> {
  let code: number = EXIT.OK;
  const program = buildProgram(io, (c) => (code = c));
  if (argv.length === 0) {
    io.stderr.write(program.helpInformation());
    return EXIT.USAGE;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.OK;
      return EXIT.USAGE;
    }
    if (isHarnessError(err)) {
      write(io.stderr, `scimulator: ${err.message} [${err.code}]`);
      return EXIT.USAGE;
    }
    write(
      io.stderr,
      `scimulator: internal error [HARNESS_BUG]: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    return EXIT.USAGE;
  }
}
