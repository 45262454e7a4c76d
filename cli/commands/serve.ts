/** `scimulator serve`: a reference server in the foreground until SIGINT/SIGTERM. */
import { Option, type Command } from 'commander';
import { HarnessError } from '../../engine/errors.js';
import { parseInteger, readConfigFile, splitList } from '../../engine/config/index.js';
import {
  parseRateLimit,
  startServer,
  type RequestLog,
  type RunningServer,
  type ServeOptions,
} from '../../reference-server/index.js';
import { collect, examples, EXIT, write, type CliIo } from '../io.js';
import { createLineLog } from '../line-log.js';
import { createServeRecorder } from './record.js';

/** The flags every command that starts a reference server shares (`serve`, `judge`). */
export interface ServerFlags {
  flavor: string;
  host: string;
  port: string;
  token?: string;
  group?: string[];
  config?: string;
  quirk?: string[];
  seedUsers?: string;
  cursorTimeout?: string;
  data?: string;
  rateLimit?: string;
  lingerMs?: string;
  lingerBytes?: string;
}

interface ServeFlags extends ServerFlags {
  record?: string;
  logLevel: string;
  quiet?: boolean;
}

const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

/** What each level logs on stderr; `listening on <URL>` and the banner go to stdout at every level. */
const LEVELS: Record<LogLevel, { requests: RequestLog; lifecycle: boolean; immediate: boolean }> = {
  error: { requests: 'off', lifecycle: false, immediate: false },
  warn: { requests: 'errors', lifecycle: false, immediate: false },
  info: { requests: 'all', lifecycle: true, immediate: false },
  debug: { requests: 'all', lifecycle: true, immediate: true },
};

function parseLogLevel(value: string): LogLevel {
  const level = value.toLowerCase();
  if ((LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevel;
  throw new HarnessError('USAGE', `--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${value}"`);
}

/** Adds the reference server's options to `command`; `defaults` differ per command (judge: rfc, port 0). */
export function addServerOptions(command: Command, defaults: { flavor: string; port: string }): Command {
  return command
    .addOption(
      new Option('--flavor <flavor>', 'server flavour').choices(['gitlab', 'rfc']).default(defaults.flavor),
    )
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'port (0 picks a free one)', defaults.port)
    .option('--token <token>', 'bearer token of the rfc flavour (default: $SCIM_TOKEN or generated)')
    .option('--group <path:token>', 'gitlab flavour: a group and its SCIM token (repeatable)', collect)
    .option('--config <file>', 'gitlab flavour: groups, users and settings (JSON or YAML)')
    .option('--quirk <name>', 'switch on a named deviation (repeatable; see `list quirks`)', collect)
    .option('--seed-users <n>', 'create N users at start')
    .option('--cursor-timeout <seconds>', 'rfc flavour: seconds a paging cursor stays valid (default 2)')
    .option('--data <file>', 'rfc flavour: keep the store in an append-only journal file (replayed at start)')
    .option(
      '--rate-limit <n[/s]>',
      'answer 429 with Retry-After beyond N requests per S seconds (default S=1)',
    )
    .option(
      '--linger-ms <ms>',
      'after an early 413/408, keep reading the body this long before closing (default 5000)',
    )
    .option(
      '--linger-bytes <n>',
      'after an early 413/408, discard at most this many body bytes (default 268435456)',
    );
}

/** Turns the shared flags into the reference server's options; usage errors throw HarnessError USAGE. */
export async function serverOptionsFrom(flags: ServerFlags, io: CliIo): Promise<ServeOptions> {
  if (flags.flavor !== 'gitlab' && flags.flavor !== 'rfc') {
    throw new HarnessError('USAGE', `--flavor must be gitlab or rfc, got "${flags.flavor}"`);
  }
  const port = parseInteger(flags.port, '--port', 0, 65_535);
  const seedUsers =
    flags.seedUsers !== undefined ? parseInteger(flags.seedUsers, '--seed-users', 0, 100_000) : undefined;
  const cursorTimeout =
    flags.cursorTimeout !== undefined
      ? parseInteger(flags.cursorTimeout, '--cursor-timeout', 1, 86_400)
      : undefined;
  const lingerMs =
    flags.lingerMs !== undefined ? parseInteger(flags.lingerMs, '--linger-ms', 0, 30_000) : undefined;
  const lingerBytes =
    flags.lingerBytes !== undefined ? parseInteger(flags.lingerBytes, '--linger-bytes', 0) : undefined;
  const config = flags.config !== undefined ? await readConfigFile(flags.config) : undefined;
  const token = flags.token ?? io.env.SCIM_TOKEN;
  let rateLimit;
  try {
    rateLimit = flags.rateLimit !== undefined ? parseRateLimit(flags.rateLimit) : undefined;
  } catch (err) {
    throw new HarnessError('USAGE', `--rate-limit: ${(err as Error).message}`);
  }
  return {
    flavor: flags.flavor,
    host: flags.host,
    port,
    ...(token ? { token } : {}),
    ...(flags.group ? { groups: flags.group } : {}),
    ...(config !== undefined ? { config } : {}),
    ...(flags.quirk ? { quirks: flags.quirk.flatMap(splitList) } : {}),
    ...(seedUsers !== undefined ? { seedUsers } : {}),
    ...(cursorTimeout !== undefined ? { cursorTimeout } : {}),
    ...(flags.data !== undefined ? { data: flags.data } : {}),
    ...(lingerMs !== undefined ? { lingerMs } : {}),
    ...(lingerBytes !== undefined ? { lingerBytes } : {}),
    ...(rateLimit ? { rateLimit } : {}),
    log: (line) => write(io.stderr, line),
  };
}

/** Starts the server; misconfiguration (a TypeError naming the option) or a port in use is a usage error. */
export async function startReferenceServer(options: ServeOptions): Promise<RunningServer> {
  try {
    return await startServer(options);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const reason =
      code === 'EADDRINUSE' ? `port ${options.port} on ${options.host} is in use` : (err as Error).message;
    throw new HarnessError('USAGE', `cannot start the ${options.flavor} reference server: ${reason}`, {
      cause: err,
    });
  }
}

async function serveCommand(flags: ServeFlags, io: CliIo): Promise<number> {
  const level = LEVELS[flags.quiet === true ? 'error' : parseLogLevel(flags.logLevel)];
  const options = await serverOptionsFrom(flags, io);
  const recorder =
    flags.record !== undefined
      ? createServeRecorder(flags.record, options.token ? [options.token] : [])
      : undefined;
  // One writer for every stderr line of serve, so request lines and the closing lines keep their order.
  const log = createLineLog(io.stderr, { immediate: level.immediate });
  const info = (line: string): void => {
    if (level.lifecycle) log.line(line);
  };
  let server: RunningServer;
  try {
    server = await startReferenceServer({
      ...options,
      log: (line) => log.line(line),
      requestLog: level.requests,
      ...(recorder ? { onExchange: recorder.onExchange } : {}),
    });
  } catch (err) {
    log.close();
    throw err;
  }
  for (const line of server.flavour.banner) write(io.stdout, line);
  await recorder?.start(server.url);
  write(io.stdout, `listening on ${server.url}`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  log.flush();
  info(`${signal}: closing`);
  await server.close();
  if (recorder) info(`${await recorder.close()} exchanges written to ${flags.record}`);
  log.close();
  return EXIT.OK;
}

export function registerServe(program: Command, io: CliIo, setCode: (code: number) => void): void {
  const command = program
    .command('serve')
    .description('start a reference SCIM server (prints "listening on <SCIM base URL>")');
  addServerOptions(command, { flavor: 'gitlab', port: '8080' })
    .option('--record <file>', 'record every exchange the server answers to FILE (see docs/recording.md)')
    .option(
      '--log-level <level>',
      'stderr log: error (internal errors only), warn (also 4xx/5xx answers), info (every request, ' +
        'written in batches of at most 100 ms), debug (every request, written at once)',
      'info',
    )
    .addOption(new Option('-q, --quiet', 'same as --log-level error').conflicts('logLevel'))
    .addHelpText(
      'after',
      examples(
        'scimulator serve --flavor rfc --port 8080 --token dev-token',
        'scimulator serve --flavor rfc --port 0 --quirk <name>   # see `scimulator list quirks`',
        'scimulator serve --flavor gitlab --group my-group:group-token',
        'scimulator serve --log-level warn       # log only answers with a 4xx/5xx status',
      ),
    )
    .action(async (flags: ServeFlags) => setCode(await serveCommand(flags, io)));
}
