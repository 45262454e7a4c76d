/** `scimulator run`: flags > env > config file, then the runner and the reporters. */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { HarnessError } from '../../engine/errors.js';
import type { ProfileInfo } from '../../engine/model/index.js';
import {
  envConfig,
  mergeConfig,
  parseFailOn,
  parseInteger,
  parseRunConfig,
  readConfigFile,
  splitList,
  type RunConfig,
} from '../../engine/config/index.js';
import { appendFile } from 'node:fs/promises';
import {
  createConsoleReporter,
  HTML_REPORT_FILE,
  renderMarkdown,
  writeHar,
  writeHtmlReport,
  writeJsonReport,
  writeJunitReport,
  writeMarkdownReport,
} from '../../engine/reporters/index.js';
import { exitCodeFor, RFC_PROFILE, selectChecks, type FailOn } from '../../engine/runner/index.js';
import { toolVersion } from '../../engine/version.js';
import { run } from '../../index.js';
import { SUITES } from '../../suites/index.js';
import { collect, EXIT, write, type CliIo } from '../io.js';

const REPORTERS = ['console', 'json', 'junit', 'html', 'md', 'har'] as const;
/** Built-in IdP profiles (IdP profiles as data files arrive with the profiles work). */
export const KNOWN_PROFILES: readonly ProfileInfo[] = [RFC_PROFILE];

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
  if (reporters.includes('html')) write(io.stderr, `wrote ${await writeHtmlReport(report, out)}`);
  const htmlLink = reporters.includes('html') ? { htmlReportPath: HTML_REPORT_FILE } : {};
  if (reporters.includes('md')) write(io.stderr, `wrote ${await writeMarkdownReport(report, out, htmlLink)}`);
  if (reporters.includes('har')) write(io.stderr, `wrote ${await writeHar(report, out)}`);
  // GitHub Actions shows this file on the run's summary page.
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (reporters.includes('md') && summaryFile)
    await appendFile(summaryFile, renderMarkdown(report, htmlLink));
  if (report.interrupted === 'SIGINT' || report.interrupted === 'SIGTERM') {
    // The signal path: cleanup and reports are done; leave with the conventional code.
    process.exit(report.interrupted === 'SIGINT' ? EXIT.SIGINT : EXIT.SIGTERM);
  }
  return exitCodeFor(report, failOn);
}

export function registerRun(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('run')
    .description('run conformance checks against a target (default: the embedded rfc reference server)')
    .option('--target <url>', 'SCIM base URL of the target (or $SCIM_BASE_URL)')
    .option('--token <token>', 'bearer token (or $SCIM_TOKEN)')
    .option('--profile <names|file>', 'IdP profiles, comma-separated, or a profile file')
    .option('--suite <names>', 'suites to run, comma-separated (default: all)')
    .option('--check <id>', 'a check id or `prefix*` to run (repeatable)', collect)
    .option('--report <names>', 'reporters: console,json,junit,html,md,har', 'console')
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
}
