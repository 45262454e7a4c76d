/**
 * HAR reporter: every HTTP exchange of a run as an HTTP Archive 1.2 log (`<out>/scimulator.har`),
 * for browser devtools, HAR viewers and diffing. A pure function of the report object.
 *
 * - One page per check result (`pageref` on entries); an exchange that several checks share (one
 *   scenario, several assertions) appears once, on the first check's page, and lists all of them in `_checks`.
 * - Exchanges carry no wall-clock timestamp, so `startedDateTime` is `report.startedAt` plus the
 *   durations of the entries before it (an exchange-level `startedAt`, if the transport ever adds one, wins).
 * - An exchange without a response (timeout, reset, refused) gets status 0 and `_error: {code, message}`.
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import { join } from 'node:path';
import type { Exchange } from '../../model/index.js';
import type { Report } from '../../runner/report.js';

export const HAR_REPORT_FILE = 'scimulator.har';

export interface HarNameValue {
  name: string;
  value: string;
}

interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  cookies: HarNameValue[];
  headers: HarNameValue[];
  queryString: HarNameValue[];
  postData?: { mimeType: string; text: string };
  headersSize: number;
  bodySize: number;
}

interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  cookies: HarNameValue[];
  headers: HarNameValue[];
  content: { size: number; mimeType: string; text?: string };
  redirectURL: string;
  headersSize: number;
  bodySize: number;
}

export interface HarEntry {
  pageref: string;
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, never>;
  timings: {
    blocked: number;
    dns: number;
    connect: number;
    ssl: number;
    send: number;
    wait: number;
    receive: number;
  };
  /** Ids of every check result whose evidence includes this exchange. */
  _checks: string[];
  _error?: { code: string; message: string };
}

interface HarPage {
  id: string;
  title: string;
  startedDateTime: string;
  pageTimings: { onContentLoad: number; onLoad: number };
  _outcome: string;
  _level: string;
  _profile: string;
}

interface Har {
  log: {
    version: '1.2';
    creator: { name: 'scimulator'; version: string };
    browser?: { name: string; version: string };
    pages: HarPage[];
    entries: HarEntry[];
    comment?: string;
  };
}

/** What the HAR renderer reads of a report: the contract fields, tolerant of older JSON files. */
type HarInput = Pick<Report, 'tool' | 'target' | 'startedAt' | 'seed' | 'results'>;

const HTTP_VERSION = 'HTTP/1.1';

function headerList(headers: Record<string, string> | undefined): HarNameValue[] {
  return Object.entries(headers ?? {}).map(([name, value]) => ({ name, value: String(value) }));
}

function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers ?? {})) if (key.toLowerCase() === name) return value;
  return undefined;
}

function queryString(url: string): HarNameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function byteLength(text: string | undefined): number {
  return text === undefined ? 0 : Buffer.byteLength(text, 'utf8');
}

function finite(ms: unknown): number {
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms : 0;
}

/**
 * Identity of an exchange across results: shared scenario exchanges are equal after a JSON round trip.
 * The HTML reporter uses it too, to render each distinct exchange once.
 */
export function exchangeKey(exchange: Exchange): string {
  return JSON.stringify(exchange);
}

/** One page id per result: the check id, qualified by profile (and a counter) when a check ran more than once. */
function pageIds(results: HarInput['results']): string[] {
  const used = new Set<string>();
  return results.map((r) => {
    const base = used.has(r.id) ? `${r.id} [${r.profile}]` : r.id;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base} #${n}`;
    used.add(id);
    return id;
  });
}

function request(exchange: Exchange): HarRequest {
  const req = exchange.request;
  const out: HarRequest = {
    method: req.method,
    url: req.url,
    httpVersion: HTTP_VERSION,
    cookies: [],
    headers: headerList(req.headers),
    queryString: queryString(req.url),
    headersSize: -1,
    bodySize: byteLength(req.body),
  };
  if (req.body !== undefined) {
    out.postData = { mimeType: headerValue(req.headers, 'content-type') ?? '', text: req.body };
  }
  return out;
}

function response(exchange: Exchange): HarResponse {
  const res = exchange.response;
  if (!res) {
    return {
      status: 0,
      statusText: '',
      httpVersion: '',
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: 'x-unknown' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    };
  }
  const size = byteLength(res.body);
  const content: HarResponse['content'] = {
    size,
    mimeType: headerValue(res.headers, 'content-type') ?? 'x-unknown',
  };
  if (res.body !== undefined) content.text = res.body;
  return {
    status: res.status,
    statusText: STATUS_CODES[res.status] ?? '',
    httpVersion: HTTP_VERSION,
    cookies: [],
    headers: headerList(res.headers),
    content,
    redirectURL: headerValue(res.headers, 'location') ?? '',
    headersSize: -1,
    bodySize: size,
  };
}

/** The report's exchanges as a HAR 1.2 object (serialise with `JSON.stringify(har, null, 2)`). */
export function renderHar(report: HarInput): Har {
  const start = Date.parse(report.startedAt);
  const origin = Number.isFinite(start) ? start : 0;
  let offset = 0;
  const ids = pageIds(report.results);
  const pages: HarPage[] = [];
  const entries: HarEntry[] = [];
  /** key → the entries with that content, in order; the n-th occurrence within one result is the n-th entry. */
  const byKey = new Map<string, HarEntry[]>();

  report.results.forEach((result, index) => {
    const pageId = ids[index] ?? result.id;
    let pageStart: string | undefined;
    const occurrences = new Map<string, number>();
    for (const exchange of result.exchanges ?? []) {
      const key = exchangeKey(exchange);
      const n = occurrences.get(key) ?? 0;
      occurrences.set(key, n + 1);
      const known = byKey.get(key) ?? [];
      let entry = known[n];
      if (entry) {
        if (!entry._checks.includes(result.id)) entry._checks.push(result.id);
      } else {
        const ms = finite(exchange.ms);
        const own = (exchange as Exchange & { startedAt?: unknown }).startedAt;
        const at =
          typeof own === 'string' && Number.isFinite(Date.parse(own)) ? Date.parse(own) : origin + offset;
        offset += ms;
        entry = {
          pageref: pageId,
          startedDateTime: new Date(at).toISOString(),
          time: ms,
          request: request(exchange),
          response: response(exchange),
          cache: {},
          timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait: ms, receive: 0 },
          _checks: [result.id],
        };
        if (exchange.error || !exchange.response) {
          entry._error = exchange.error ?? { code: 'NO_RESPONSE', message: 'no response was recorded' };
        }
        known.push(entry);
        byKey.set(key, known);
        entries.push(entry);
      }
      pageStart ??= entry.startedDateTime;
    }
    pages.push({
      id: pageId,
      title: `${result.id} — ${result.title}`,
      startedDateTime: pageStart ?? new Date(origin + offset).toISOString(),
      pageTimings: { onContentLoad: -1, onLoad: -1 },
      _outcome: result.outcome,
      _level: result.level,
      _profile: result.profile,
    });
  });

  return {
    log: {
      version: '1.2',
      creator: { name: 'scimulator', version: report.tool.version },
      pages,
      entries,
      comment: `scimulator run against ${report.target}, seed ${report.seed}`,
    },
  };
}

/** Writes `<outDir>/scimulator.har` and returns its path. */
export async function writeHar(report: HarInput, outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const file = join(outDir, HAR_REPORT_FILE);
  await writeFile(file, `${JSON.stringify(renderHar(report), null, 2)}\n`, 'utf8');
  return file;
}
