import type { ListenerOptions } from './core/index.js';
import type { ServedExchange } from './exchange-tap.js';
import type { RateLimit } from './rate-limit.js';

/** What a flavour hands to the server: its pipeline options and where its SCIM API lives. */
export interface Flavour {
  name: 'gitlab' | 'rfc';
  listener: ListenerOptions;
  /** Path of the SCIM base URL the `listening on` line announces, e.g. `/scim/v2` or `/api/scim/v2/groups/demo-group`. */
  basePath: string;
  /** Lines printed at start-up (generated tokens and the like); never printed when a token was given. */
  banner: string[];
  /** Releases what the flavour holds open (the `data` journal); called when the server closes. */
  close?: () => void;
}

export type RequestLog = 'all' | 'errors' | 'off';

/** Whether an answer with `status` gets a request line; `undefined` when nothing is logged at all. */
export function requestLogFilter(options: ServeOptions): ((status: number) => boolean) | undefined {
  if (!options.log) return undefined;
  const mode = options.requestLog ?? 'all';
  if (mode === 'off') return undefined;
  return mode === 'errors' ? (status) => status >= 400 : () => true;
}

export interface ServeOptions {
  flavor: 'gitlab' | 'rfc';
  host?: string;
  port?: number;
  /** Bearer token of the rfc flavour; generated when absent. */
  token?: string;
  /** gitlab flavour: `PATH:TOKEN` specs from `--group`. */
  groups?: string[];
  /** gitlab flavour: parsed config file (JSON or YAML) with groups, users and settings. */
  config?: unknown;
  quirks?: string[];
  seedUsers?: number;
  /** rfc flavour: seconds a cursor stays valid between page requests (RFC 9865 §4 cursorTimeout); default 2. */
  cursorTimeout?: number;
  /** rfc flavour: an append-only journal file; replayed on start, every committed change appended and flushed. */
  data?: string;
  /**
   * After answering a request early (413 body too large, 408 body too slow), how long (ms) and how many
   * bytes of the rest of the body are read and discarded before closing; defaults 5 s and 256 MiB.
   */
  lingerMs?: number;
  lingerBytes?: number;
  /** Receives log lines; tokens and passwords never reach it. */
  log?: (line: string) => void;
  /**
   * Which answers get a request line in `log`: every one (`all`, the default), only 4xx and 5xx
   * (`errors`), or none (`off`). Internal errors are logged whatever this says.
   */
  requestLog?: RequestLog;
  /** `serve --record`: receives every answered exchange, raw (the receiver redacts before storing). */
  onExchange?: (exchange: ServedExchange) => void;
  /** `--rate-limit`: answer 429 with Retry-After beyond N requests per window (RFC 6585 §4). */
  rateLimit?: RateLimit;
}
