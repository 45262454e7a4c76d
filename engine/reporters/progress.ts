/**
 * The live progress line of `scimulator run`: on a terminal, one line on stderr rewritten in place (checks
 * done/total, failures so far, elapsed); on anything else, nothing, so logs and piped output stay clean.
 * It is cleared before any other output and before the summary, and never reaches a report.
 * @module
 */
import { performance } from 'node:perf_hooks';
import type { CheckResult } from '../model/index.js';
import type { TextStream } from './console.js';

interface ProgressOptions {
  /** Where the line goes (stderr); drawn only when `isTTY` is true. */
  stream: TextStream;
  env?: NodeJS.ProcessEnv;
  /** Off (`--quiet`) or forced; default: on for a TTY unless TERM=dumb. */
  enabled?: boolean;
  /** Redraw interval, so the elapsed time moves while a check (or a 429 wait) takes long. */
  tickMs?: number;
  now?: () => number;
}

interface Progress {
  start(planned: number): void;
  result(result: CheckResult): void;
  /** Erases the line (before other output); the next redraw brings it back. */
  clear(): void;
  /** Erases the line for good and stops the clock. */
  stop(): void;
  /** A stream whose writes erase the line first and redraw it after (for the console reporter). */
  around(stream: TextStream): TextStream;
}

/** Moves to the start of the line and erases it (ECMA-48 CR + EL). */
const ERASE = '\r\x1b[2K';

export function createProgress(options: ProgressOptions): Progress {
  const env = options.env ?? process.env;
  const enabled = options.enabled ?? (options.stream.isTTY === true && env.TERM !== 'dumb');
  const now = options.now ?? (() => performance.now());
  let planned = 0;
  let done = 0;
  let failures = 0;
  let started = 0;
  let shown = false;
  let running = false;
  let timer: NodeJS.Timeout | undefined;

  const line = (): string => {
    const seconds = Math.floor((now() - started) / 1000);
    const elapsed = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    const text = `${done}/${planned} checks, ${failures} failed, ${elapsed} elapsed`;
    // A pseudo-terminal may report 0 columns: then assume the classic 80.
    return text.slice(0, Math.max(20, (options.stream.columns || 80) - 1));
  };
  const draw = (): void => {
    if (!enabled || !running) return;
    options.stream.write(`${ERASE}${line()}`);
    shown = true;
  };
  const clear = (): void => {
    if (shown) options.stream.write(ERASE);
    shown = false;
  };

  return {
    start(count) {
      planned = count;
      started = now();
      running = true;
      if (!enabled) return;
      draw();
      timer = setInterval(draw, options.tickMs ?? 1_000);
      timer.unref();
    },
    result(r) {
      done++;
      if ((r.outcome === 'fail' || r.outcome === 'error') && !r.known) failures++;
      draw();
    },
    clear,
    stop() {
      running = false;
      clearInterval(timer);
      clear();
    },
    around(stream) {
      if (!enabled) return stream;
      return {
        ...(stream.isTTY !== undefined ? { isTTY: stream.isTTY } : {}),
        ...(stream.columns !== undefined ? { columns: stream.columns } : {}),
        write: (chunk: string) => {
          const wasShown = shown;
          clear();
          const written = stream.write(chunk);
          if (wasShown) draw();
          return written;
        },
      };
    },
  };
}
