/**
 * `scimulator load`: an IdP's initial sync at scale against a target (default: the embedded rfc server),
 * or `--export k6` to print a k6 script of the same pattern. Exit 0 when the verdict on the profile's
 * throughput expectation is "meets" or "not judged" (the profile names none), 1 when it is "does not meet",
 * 2 on usage errors.
 */
import type { Command } from 'commander';
import { parseInteger } from '../../engine/config/index.js';
import { DATA_PREFIX, randomSeed, runIdFor } from '../../engine/data/generator.js';
import { HarnessError } from '../../engine/errors.js';
import {
  defaultPattern,
  formatLoadReport,
  patternFromProfile,
  renderK6Script,
  runLoad,
  throughputOf,
  type LoadPattern,
} from '../../engine/load/index.js';
import { resolveProfile } from '../../profiles/index.js';
import { startServer, type RunningServer } from '../../reference-server/index.js';
import { randomToken } from '../../index.js';
import { examples, EXIT, write, type CliIo } from '../io.js';

interface LoadFlags {
  profile?: string;
  users: string;
  concurrency: string;
  rate?: string;
  target?: string;
  token?: string;
  seed?: string;
  keep?: boolean;
  export?: string;
  json?: boolean;
  connections?: string;
  pipelining?: string;
  maxRetries?: string;
  retryCap?: string;
  groupSize?: string;
}

function parseRate(value: string): number {
  const rate = Number(value);
  if (!Number.isFinite(rate) || rate <= 0 || rate > 1_000_000) {
    throw new HarnessError('USAGE', `--rate must be a number of requests per second above 0, got "${value}"`);
  }
  return rate;
}

/** The IdP whose published throughput the built-in pattern is judged against (profile data). */
const DEFAULT_THROUGHPUT_PROFILE = 'entra-id';

/** The pattern of `--profile` (a shipped name or a file), or the built-in one when none is named. */
function loadPattern(spec: string | undefined, prefix: string): LoadPattern {
  if (spec === undefined || spec === 'default')
    return defaultPattern(prefix, throughputOf(resolveProfile(DEFAULT_THROUGHPUT_PROFILE)));
  return patternFromProfile(resolveProfile(spec), prefix);
}

async function loadCommand(flags: LoadFlags, io: CliIo): Promise<number> {
  const users = parseInteger(flags.users, '--users', 1, 10_000_000);
  const concurrency = parseInteger(flags.concurrency, '--concurrency', 1, 10_000);
  const rate = flags.rate !== undefined ? parseRate(flags.rate) : undefined;
  const seed = flags.seed !== undefined ? parseInteger(flags.seed, '--seed', 0, 2 ** 32 - 1) : randomSeed();
  const groupSize =
    flags.groupSize !== undefined ? parseInteger(flags.groupSize, '--group-size', 1, 10_000) : 100;
  const prefix = `${DATA_PREFIX}${runIdFor(seed)}-load`;
  const pattern = loadPattern(flags.profile, prefix);
  const target = flags.target ?? io.env.SCIM_BASE_URL;

  if (flags.export !== undefined) {
    if (flags.export !== 'k6') throw new HarnessError('USAGE', `--export supports k6, got "${flags.export}"`);
    io.stdout.write(
      renderK6Script({
        pattern,
        users,
        concurrency,
        groupSize,
        ...(rate !== undefined ? { rate } : {}),
        ...(target !== undefined ? { target } : {}),
      }),
    );
    return EXIT.OK;
  }

  let token = flags.token ?? io.env.SCIM_TOKEN;
  let server: RunningServer | undefined;
  if (target === undefined) {
    token = randomToken();
    server = await startServer({ flavor: 'rfc', host: '127.0.0.1', port: 0, token, log: () => undefined });
    write(io.stderr, `started the embedded rfc reference server at ${server.url} (same process)`);
  }
  if (flags.profile === undefined) write(io.stderr, `no --profile: using the ${pattern.source}`);

  const abort = new AbortController();
  const onSignal = (): void => {
    if (abort.signal.aborted) process.exit(EXIT.SIGINT);
    write(
      io.stderr,
      'interrupted: stopping the sync, then deleting what it created (Ctrl-C again to quit now)',
    );
    abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const report = await runLoad({
      target: target ?? (server as RunningServer).url,
      ...(token !== undefined ? { token } : {}),
      pattern,
      users,
      concurrency,
      groupSize,
      ...(rate !== undefined ? { rate } : {}),
      keep: flags.keep === true,
      retry: {
        ...(flags.maxRetries !== undefined
          ? { maxRetries: parseInteger(flags.maxRetries, '--max-retries', 0, 100) }
          : {}),
        ...(flags.retryCap !== undefined
          ? { maxDelayMs: parseInteger(flags.retryCap, '--retry-cap', 0, 3_600_000) }
          : {}),
      },
      ...(flags.connections !== undefined
        ? { connections: parseInteger(flags.connections, '--connections', 1, 1024) }
        : {}),
      ...(flags.pipelining !== undefined
        ? { pipelining: parseInteger(flags.pipelining, '--pipelining', 1, 256) }
        : {}),
      signal: abort.signal,
      onProgress: flags.json
        ? undefined
        : (p) =>
            write(
              io.stderr,
              `  ${p.phase}: ${p.done.toLocaleString('en-US')}/${p.total.toLocaleString('en-US')}`,
            ),
    });
    io.stdout.write(
      flags.json ? `${JSON.stringify({ seed, ...report }, null, 2)}\n` : formatLoadReport(report),
    );
    return report.verdict.judged && !report.verdict.meets ? EXIT.CHECKS_FAILED : EXIT.OK;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await server?.close();
  }
}

export function registerLoad(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('load')
    .description(
      "simulate an IdP's initial sync at scale (match, create, group membership) and judge throughput",
    )
    .option('--profile <name|file>', 'IdP profile whose load pattern to use (default: built-in RFC pattern)')
    .option('--users <n>', 'users to provision', '1000')
    .option('--concurrency <c>', 'requests in flight at once', '32')
    .option('--rate <r>', 'pace to at most R requests per second (token bucket)')
    .option('--target <url>', 'SCIM base URL (or $SCIM_BASE_URL; default: the embedded rfc server)')
    .option('--token <token>', 'bearer token (or $SCIM_TOKEN)')
    .option('--seed <n>', 'seed of the run prefix (scimtest-<id>-load)')
    .option('--keep', 'leave the created users and groups in place')
    .option('--export <format>', 'print a script reproducing the pattern instead of running it (k6)')
    .option('--json', 'print the report as JSON')
    .option('--connections <n>', 'HTTP connections (default: min(concurrency, 32))')
    .option('--pipelining <n>', 'requests pipelined per connection (default: concurrency / connections)')
    .option('--max-retries <n>', 'retries of a request answered 429 (default 5)')
    .option('--retry-cap <ms>', 'longest wait for one Retry-After (default 60000)')
    .option('--group-size <n>', 'users per group (default 100)')
    .addHelpText(
      'after',
      examples(
        'scimulator load --users 1000 --concurrency 32     # against the embedded reference server',
        'scimulator load --profile entra-id --users 5000 --rate 50 --target https://scim.example.com/scim/v2',
        'scimulator load --profile entra-id --users 200 --export k6 > load.js',
      ),
    )
    .action(async (flags: LoadFlags) => setCode(await loadCommand(flags, io)));
}
