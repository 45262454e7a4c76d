/**
 * HAR 1.2 import: each entry of `log.entries` becomes one recording exchange, in `startedDateTime` order.
 * The SCIM base path is found where the first SCIM endpoint segment (`/Users`, `/Groups`, …) begins.
 * @module
 */
import type { HarEntry, HarNameValue } from '../reporters/har/index.js';
import { redactExchange } from './redact-exchange.js';
import { splitTarget } from './target.js';
import { RECORDING_FORMAT, RECORDING_VERSION, type Recording, type RecordingExchange } from './types.js';

/** What the importer reads of a HAR entry (browser exports carry more; scimulator's own carry `_checks`). */
type HarImportEntry = Pick<HarEntry, 'startedDateTime' | 'time'> & {
  request: Pick<HarEntry['request'], 'method' | 'url' | 'headers'> & { postData?: { text?: string } };
  response: Pick<HarEntry['response'], 'status' | 'headers'> & {
    content?: { text?: string; encoding?: string };
  };
};

interface HarImportDocument {
  log: { entries: HarImportEntry[] };
}

const SCIM_ENDPOINTS =
  /\/(Users|Groups|ServiceProviderConfigs?|Schemas|ResourceTypes|Bulk|Me|\.search)(\/|$)/i;

/** True when `data` has the outline of a HAR file. */
export function isHar(data: unknown): data is HarImportDocument {
  const log = (data as { log?: { entries?: unknown } } | null)?.log;
  return typeof log === 'object' && log !== null && Array.isArray(log.entries);
}

/** The URL's path and query exactly as written (no re-encoding by the URL parser), without the fragment. */
function rawParts(url: string): { origin: string; target: string } {
  const noFragment = url.split('#')[0] ?? url;
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?]*)(.*)$/i.exec(noFragment);
  if (!m) return { origin: '', target: noFragment.startsWith('/') ? noFragment : `/${noFragment}` };
  const target = m[2] ?? '';
  return { origin: m[1] ?? '', target: target === '' || target.startsWith('?') ? `/${target}` : target };
}

/** The SCIM base path of a request path: everything before the first SCIM endpoint segment. */
function inferBasePath(path: string): string | undefined {
  const m = SCIM_ENDPOINTS.exec(path);
  return m ? path.slice(0, m.index) : undefined;
}

function headerMap(list: readonly HarNameValue[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name, value } of list ?? []) {
    const key = name.toLowerCase();
    if (key.startsWith(':') || key === 'host' || key === 'content-length') continue;
    out[key] = out[key] !== undefined ? `${out[key]}, ${value}` : value;
  }
  return out;
}

function responseText(content: { text?: string; encoding?: string } | undefined): string | undefined {
  if (content?.text === undefined || content.text === '') return undefined;
  return content.encoding === 'base64' ? Buffer.from(content.text, 'base64').toString('utf8') : content.text;
}

/** Converts a HAR document; `basePath` overrides the inferred SCIM base path. */
export function harToRecording(har: HarImportDocument, options: { basePath?: string } = {}): Recording {
  const entries = [...har.log.entries].sort(
    (a, b) => Date.parse(a.startedDateTime) - Date.parse(b.startedDateTime),
  );
  let base = options.basePath?.replace(/\/+$/, '');
  let upstream: string | undefined;
  const exchanges: RecordingExchange[] = entries.map((entry, i) => {
    const { origin, target } = rawParts(entry.request.url);
    const pathOnly = target.split('?')[0] ?? target;
    base ??= inferBasePath(pathOnly);
    upstream ??= origin + (base ?? '');
    const { path, query } = splitTarget(target, base ?? '');
    const reqBody = entry.request.postData?.text;
    const resBody = responseText(entry.response.content);
    const exchange: RecordingExchange = {
      seq: i + 1,
      startedAt: entry.startedDateTime,
      ms: typeof entry.time === 'number' && entry.time >= 0 ? entry.time : 0,
      request: {
        method: entry.request.method.toUpperCase(),
        path,
        query,
        headers: headerMap(entry.request.headers),
        ...(reqBody !== undefined && reqBody !== '' ? { body: reqBody } : {}),
      },
      response: {
        status: entry.response.status,
        headers: headerMap(entry.response.headers),
        ...(resBody !== undefined ? { body: resBody } : {}),
      },
    };
    return redactExchange(exchange);
  });
  return {
    format: RECORDING_FORMAT,
    version: RECORDING_VERSION,
    createdAt: new Date().toISOString(),
    source: { kind: 'har', ...(upstream ? { upstream } : {}) },
    // HAR entries without a response (status 0) cannot be compared; they are kept out.
    exchanges: exchanges.filter((e) => e.response.status >= 100).map((e, i) => ({ ...e, seq: i + 1 })),
  };
}
