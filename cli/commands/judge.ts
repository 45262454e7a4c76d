/**
 * `scimulator judge`: a reference server (or, with `--upstream`, the recording proxy) that records what a
 * SCIM client sends and grades it against the client requirements (suites/client) when it stops.
 * @module
 */
import type { Command } from 'commander';
import { parseFailOn, parseInteger, splitList } from '../../engine/config/index.js';
import { HarnessError } from '../../engine/errors.js';
import type { ClientExchange } from '../../engine/judge/index.js';
import { createConsoleReporter } from '../../engine/reporters/index.js';
import { exitCodeFor } from '../../engine/runner/index.js';
import { toolVersion } from '../../engine/version.js';
import { judgeRequests, startJudgeServer } from '../../integrations/judge/index.js';
import { writeReports } from '../../integrations/library/write-reports.js';
import { checkReporters } from '../../integrations/options/index.js';
import { resolveProfile, toProfileInfo } from '../../profiles/index.js';
import { write, type CliIo } from '../io.js';
import { parseUpstream } from './record.js';
import { addServerOptions, serverOptionsFrom, type ServerFlags } from './serve.js';

interface JudgeFlags extends ServerFlags {
  upstream?: string;
  requests?: string;
  idle?: string;
  report: string;
  out?: string;
  failOn?: string;
  as?: string;
}

/** Options that only shape the embedded server; meaningless in front of a real one. */
const SERVER_ONLY = [
  'quirk',
  'seedUsers',
  'data',
  'rateLimit',
  'group',
  'config',
  'lingerMs',
  'lingerBytes',
] as const;

type StopReason = 'requests' | 'idle' | 'cancelled' | NodeJS.Signals;

/** Resolves when the limit of requests is reached, the client has been idle long enough, or on a signal. */
function stopWhen(limits: { requests?: number; idleMs?: number }): {
  seen(count: number): void;
  /** Drops the timer and the signal handlers when judging never started. */
  cancel(): void;
  stopped: Promise<StopReason>;
} {
  let done: (reason: StopReason) => void = () => undefined;
  const stopped = new Promise<StopReason>((resolve) => (done = resolve));
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    if (limits.idleMs === undefined) return;
    clearTimeout(timer);
    timer = setTimeout(() => done('idle'), limits.idleMs);
  };
  const onSignal = (signal: NodeJS.Signals) => done(signal);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  void stopped.then(() => {
    clearTimeout(timer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  });
  arm();
  return {
    seen(count) {
      if (limits.requests !== undefined && count >= limits.requests) done('requests');
      else arm();
    },
    cancel: () => done('cancelled'),
    stopped,
  };
}

async function judgeCommand(flags: JudgeFlags, command: Command, io: CliIo): Promise<number> {
  const failOn = parseFailOn(flags.failOn ?? 'should', '--fail-on');
  const reporters = checkReporters(splitList(flags.report));
  const requests =
    flags.requests !== undefined ? parseInteger(flags.requests, '--requests', 1, 1_000_000) : undefined;
  const idleMs = flags.idle !== undefined ? parseInteger(flags.idle, '--idle', 1, 86_400) * 1000 : undefined;
  const profile = flags.as !== undefined ? toProfileInfo(resolveProfile(flags.as)) : undefined;
  const upstream = flags.upstream !== undefined ? parseUpstream(flags.upstream) : undefined;
  if (upstream) {
    const given = SERVER_ONLY.filter((name) => command.getOptionValueSource(name) === 'cli');
    if (given.length > 0)
      throw new HarnessError(
        'USAGE',
        `--upstream judges a real server: drop ${given.map((n) => `--${n.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')}`,
      );
  }
  // The judge logs each exchange itself (`#seq …`); the server's own access log would say it twice.
  const { log: _log, ...serve } = await serverOptionsFrom(flags, io);
  const stop = stopWhen({
    ...(requests !== undefined ? { requests } : {}),
    ...(idleMs !== undefined ? { idleMs } : {}),
  });
  const onExchange = (e: ClientExchange) => {
    const q = e.request.query !== null ? `?${e.request.query}` : '';
    write(io.stderr, `#${e.seq} ${e.request.method} ${e.request.path}${q} → ${e.response.status}`);
    stop.seen(e.seq);
  };
  const token = upstream ? (flags.token ?? io.env.SCIM_TOKEN) : undefined;
  let server;
  try {
    server = await startJudgeServer(
      upstream
        ? {
            upstream: {
              url: upstream.href,
              host: serve.host ?? '127.0.0.1',
              port: serve.port ?? 0,
              ...(token ? { token } : {}),
            },
            onExchange,
          }
        : { server: serve, onExchange },
    );
  } catch (err) {
    stop.cancel();
    const code = (err as { code?: unknown }).code;
    const reason =
      code === 'EADDRINUSE' ? `port ${serve.port} on ${serve.host} is in use` : (err as Error).message;
    throw new HarnessError('USAGE', `cannot start the judge: ${reason}`, { cause: err });
  }
  for (const line of server.banner) write(io.stdout, line);
  write(io.stdout, `listening on ${server.url}`);
  const reason = await stop.stopped;
  write(
    io.stderr,
    `${reason === 'requests' ? `${requests} request(s) received` : reason === 'idle' ? `idle for ${flags.idle} s` : reason}: judging ${server.exchanges.length} request(s)`,
  );
  await server.close();
  const secrets = [server.token, token].filter((s): s is string => s !== undefined);
  const report = await judgeRequests(server.exchanges, {
    failOn,
    baseUrl: server.url,
    secrets,
    ...(profile ? { as: profile } : {}),
    ...(server.capabilities ? { capabilities: server.capabilities } : {}),
  });
  if (reporters.includes('console')) {
    const reporter = createConsoleReporter({ stream: io.stdout, env: io.env });
    reporter.start({
      target: report.target,
      seed: 0,
      planned: report.results.length,
      version: toolVersion(),
    });
    for (const result of report.results) reporter.result(result);
    reporter.end(report, failOn);
  }
  for (const file of await writeReports(
    report,
    reporters,
    flags.out ?? 'reports',
    io.env.GITHUB_STEP_SUMMARY,
  ))
    write(io.stderr, `wrote ${file}`);
  return exitCodeFor(report, failOn);
}

export function registerJudge(program: Command, io: CliIo, setCode: (code: number) => void): void {
  const command = program
    .command('judge')
    .description('grade a SCIM client: serve (or proxy), record what it sends, report its conformance');
  addServerOptions(command, { flavor: 'rfc', port: '0' })
    .option('--upstream <url>', 'forward to this real SCIM server instead of the reference server')
    .option('--requests <n>', 'stop after N requests')
    .option('--idle <seconds>', 'stop after this many seconds without a request')
    .option('--as <idp>', 'also compare the client with an IdP profile (name or file)')
    .option('--report <names>', 'reporters: console,json,junit,html,md,har', 'console')
    .option('--out <dir>', 'folder for report files (default reports)')
    .option('--fail-on <level>', 'must | should | never (default: should)')
    .action(async (flags: JudgeFlags, cmd: Command) => setCode(await judgeCommand(flags, cmd, io)));
}
