/**
 * `scimulator record --upstream URL [--port P] --out FILE`: a recording proxy in the foreground until
 * SIGINT/SIGTERM; also the recorder behind `serve --record FILE`.
 * @module
 */
import type { Command } from 'commander';
import { parseInteger } from '../../engine/config/index.js';
import { HarnessError } from '../../engine/errors.js';
import {
  exchangeFromServed,
  RecordingWriter,
  startRecordingProxy,
  type ServedExchangeLike,
} from '../../engine/recording/index.js';
import { examples, EXIT, write, type CliIo } from '../io.js';

interface RecordFlags {
  upstream: string;
  port: string;
  host: string;
  out: string;
}

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

/** `--upstream`: an absolute http(s) URL, or a usage error. */
export function parseUpstream(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new HarnessError('USAGE', `--upstream must be an absolute http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HarnessError('USAGE', `--upstream must be an http(s) URL, got "${value}"`);
  }
  return url;
}

/** Runs the proxy until `stop` resolves (a signal, or a test's promise); resolves to the exit code. */
export async function recordCommand(
  flags: RecordFlags,
  io: CliIo,
  stop: () => Promise<unknown> = waitForSignal,
): Promise<number> {
  const upstream = parseUpstream(flags.upstream);
  const port = parseInteger(flags.port, '--port', 0, 65_535);
  const writer = new RecordingWriter(flags.out, {
    source: { kind: 'proxy', upstream: upstream.href.replace(/\/+$/, '') },
  });
  try {
    await writer.start();
  } catch (err) {
    throw new HarnessError('USAGE', `cannot write ${flags.out}: ${(err as Error).message}`, { cause: err });
  }
  let proxy;
  try {
    proxy = await startRecordingProxy({
      upstream: upstream.href,
      host: flags.host,
      port,
      onExchange: (exchange) => {
        const recorded = writer.append(exchange);
        const q = recorded.request.query !== null ? `?${recorded.request.query}` : '';
        write(
          io.stderr,
          `#${recorded.seq} ${recorded.request.method} ${recorded.request.path}${q} → ${recorded.response.status}`,
        );
      },
    });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const reason = code === 'EADDRINUSE' ? `port ${port} on ${flags.host} is in use` : (err as Error).message;
    throw new HarnessError('USAGE', `cannot start the recording proxy: ${reason}`, { cause: err });
  }
  write(io.stdout, `listening on ${proxy.url}`);
  write(io.stderr, `recording ${upstream.href} to ${flags.out}`);
  const reason = await stop();
  if (typeof reason === 'string') write(io.stderr, `${reason}: closing`);
  await proxy.close();
  const recording = await writer.close();
  write(io.stderr, `${recording.exchanges.length} exchanges written to ${flags.out}`);
  return EXIT.OK;
}

/** The recorder `serve --record FILE` injects into the reference server (which never imports the engine). */
interface ServeRecorder {
  onExchange: (exchange: ServedExchangeLike) => void;
  /** Called once the server listens: `url` is its SCIM base URL. */
  start(url: string): Promise<void>;
  close(): Promise<number>;
}

export function createServeRecorder(file: string, secrets: string[] = []): ServeRecorder {
  let writer: RecordingWriter | undefined;
  let basePath = '';
  const early: ServedExchangeLike[] = [];
  return {
    onExchange: (served) => {
      if (writer) writer.append(exchangeFromServed(served, basePath));
      else early.push(served);
    },
    async start(url) {
      basePath = new URL(url).pathname.replace(/\/+$/, '');
      writer = new RecordingWriter(file, {
        source: { kind: 'server', upstream: url.replace(/\/+$/, '') },
        secrets,
      });
      for (const served of early.splice(0)) writer.append(exchangeFromServed(served, basePath));
      try {
        await writer.start();
      } catch (err) {
        throw new HarnessError('USAGE', `cannot write ${file}: ${(err as Error).message}`, { cause: err });
      }
    },
    async close() {
      return writer ? (await writer.close()).exchanges.length : 0;
    },
  };
}

export function registerRecord(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('record')
    .description(
      'recording proxy: forward to --upstream and record every exchange (prints "listening on <URL>")',
    )
    .requiredOption('--upstream <url>', 'the SCIM base URL to forward to')
    .requiredOption('--out <file>', 'recording file to write (rewritten after every exchange)')
    .option('--port <port>', 'port of the proxy (0 picks a free one)', '0')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .addHelpText(
      'after',
      examples(
        'scimulator record --upstream https://scim.example.com/scim/v2 --port 9000 --out recording.json',
      ),
    )
    .action(async (flags: RecordFlags) => setCode(await recordCommand(flags, io)));
}
