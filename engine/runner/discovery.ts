/**
 * Reads the target's discovery endpoints (RFC 7644 §4) into `Capabilities`, with the documented
 * defaults when they are missing, and says in words why a requirement is not met.
 * @module
 */
import type { Capabilities, Exchange, HttpClient, HttpResult, Requirement } from '../model/index.js';
import { isObject } from '../../protocol/json.js';
import { URN } from '../../protocol/urns.js';

/** Capabilities assumed when /ServiceProviderConfig is missing or unusable: PATCH and filter yes, the rest no. */
export function defaultCapabilities(): Capabilities {
  return {
    discovered: false,
    patch: true,
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: 0 },
    sort: false,
    etag: false,
    changePassword: false,
    resourceTypes: {
      User: { endpoint: '/Users', schema: URN.user, extensions: [] },
      Group: { endpoint: '/Groups', schema: URN.group, extensions: [] },
    },
    schemas: {},
  };
}

export interface Discovery {
  capabilities: Capabilities;
  /** Why each unsupported feature is unsupported, in terms of what the target advertised. */
  reasons: Partial<Record<string, string>>;
  exchanges: Exchange[];
  /** Set when not even the first request got through (connection refused, DNS). */
  unreachable?: { code: string; message: string };
}

function resourcesOf(res: HttpResult): unknown[] | undefined {
  if (res.status !== 200) return undefined;
  if (Array.isArray(res.json)) return res.json;
  if (isObject(res.json) && Array.isArray(res.json.Resources)) return res.json.Resources;
  return undefined;
}

const FEATURES = ['patch', 'bulk', 'filter', 'sort', 'etag', 'changePassword'] as const;

/** RFC 9865 §4: cursor paging counts as advertised only when `pagination.cursor` is true. */
function readPagination(
  doc: Record<string, unknown>,
  caps: Capabilities,
  reasons: Partial<Record<string, string>>,
): void {
  const block = doc.pagination;
  if (isObject(block) && block.cursor === true) {
    const timeout = block.cursorTimeout;
    caps.pagination = {
      cursor: true,
      ...(typeof block.index === 'boolean' ? { index: block.index } : {}),
      ...(typeof timeout === 'number' && Number.isInteger(timeout) && timeout > 0
        ? { cursorTimeout: timeout }
        : {}),
    };
    return;
  }
  reasons.cursor = isObject(block)
    ? 'ServiceProviderConfig.pagination.cursor is not true (RFC 9865 §4)'
    : 'ServiceProviderConfig has no pagination attribute advertising cursor paging (RFC 9865 §4)';
}

export async function discover(http: HttpClient): Promise<Discovery> {
  const caps = defaultCapabilities();
  const reasons: Partial<Record<string, string>> = {};
  const spc = await http.request({ method: 'GET', path: '/ServiceProviderConfig' });
  const exchanges = [spc.exchange];
  const error = spc.exchange.error;
  if (error?.code === 'TARGET_UNREACHABLE')
    return { capabilities: caps, reasons, exchanges, unreachable: error };

  if (spc.status === 200 && isObject(spc.json)) {
    caps.discovered = true;
    const doc = spc.json;
    const flag = (name: (typeof FEATURES)[number]): boolean | undefined => {
      const block = doc[name];
      return isObject(block) && typeof block.supported === 'boolean' ? block.supported : undefined;
    };
    const num = (block: unknown, key: string): number => {
      const v = isObject(block) ? block[key] : undefined;
      return typeof v === 'number' && Number.isFinite(v) ? v : 0;
    };
    const defaults = defaultCapabilities();
    for (const name of FEATURES) {
      const advertised = flag(name);
      const defaultValue = name === 'bulk' || name === 'filter' ? defaults[name].supported : defaults[name];
      const value = advertised ?? defaultValue;
      if (name === 'bulk')
        caps.bulk = {
          supported: value,
          maxOperations: num(doc.bulk, 'maxOperations'),
          maxPayloadSize: num(doc.bulk, 'maxPayloadSize'),
        };
      else if (name === 'filter')
        caps.filter = { supported: value, maxResults: num(doc.filter, 'maxResults') };
      else caps[name] = value;
      if (!value) {
        reasons[name] =
          advertised === false
            ? `ServiceProviderConfig.${name}.supported is false`
            : `ServiceProviderConfig does not advertise ${name}.supported (assumed unsupported)`;
      }
    }
    readPagination(doc, caps, reasons);
  } else {
    const why = error
      ? `${error.code}`
      : spc.status !== 200
        ? `it answered ${spc.status}`
        : 'its body is not a JSON object';
    for (const name of FEATURES) {
      const supported = name === 'bulk' || name === 'filter' ? caps[name].supported : caps[name];
      if (!supported)
        reasons[name] = `${name} is assumed unsupported: /ServiceProviderConfig is unusable (${why})`;
    }
    reasons.discovery = `the target has no usable /ServiceProviderConfig (${why})`;
    reasons.cursor = `cursor paging is assumed unsupported: /ServiceProviderConfig is unusable (${why})`;
  }

  const rt = await http.request({ method: 'GET', path: '/ResourceTypes' });
  exchanges.push(rt.exchange);
  const types = resourcesOf(rt);
  if (types) {
    const found: Capabilities['resourceTypes'] = {};
    for (const item of types) {
      if (!isObject(item) || typeof item.name !== 'string' || typeof item.endpoint !== 'string') continue;
      const endpoint =
        /^https?:\/\//i.test(item.endpoint) || item.endpoint.startsWith('/')
          ? item.endpoint
          : `/${item.endpoint}`;
      const extensions = Array.isArray(item.schemaExtensions)
        ? item.schemaExtensions.flatMap((e) =>
            isObject(e) && typeof e.schema === 'string' ? [e.schema] : [],
          )
        : [];
      found[item.name] = { endpoint, schema: typeof item.schema === 'string' ? item.schema : '', extensions };
    }
    if (Object.keys(found).length > 0) caps.resourceTypes = found;
  }

  const sc = await http.request({ method: 'GET', path: '/Schemas' });
  exchanges.push(sc.exchange);
  for (const item of resourcesOf(sc) ?? []) {
    if (isObject(item) && typeof item.id === 'string') caps.schemas[item.id] = item;
  }
  return { capabilities: caps, reasons, exchanges };
}

/** Why `requirement` is not met by the target, or undefined when it is. */
export function unmetRequirement(
  requirement: Requirement,
  discovery: Pick<Discovery, 'capabilities' | 'reasons'>,
): string | undefined {
  const caps = discovery.capabilities;
  if (requirement.startsWith('resourceType:')) {
    const name = requirement.slice('resourceType:'.length);
    if (caps.resourceTypes[name]) return undefined;
    return caps.discovered || Object.keys(caps.resourceTypes).length > 0
      ? `/ResourceTypes does not list ${name}`
      : `resource type ${name} is unknown`;
  }
  switch (requirement) {
    case 'discovery':
      return caps.discovered
        ? undefined
        : (discovery.reasons.discovery ?? 'the target has no usable /ServiceProviderConfig');
    case 'bulk':
    case 'filter':
      return caps[requirement].supported
        ? undefined
        : (discovery.reasons[requirement] ?? `${requirement} is not supported`);
    case 'cursor':
      return caps.pagination?.cursor
        ? undefined
        : (discovery.reasons.cursor ?? 'cursor paging is not advertised (RFC 9865 §4)');
    case 'patch':
    case 'sort':
    case 'etag':
    case 'changePassword':
      return caps[requirement]
        ? undefined
        : (discovery.reasons[requirement] ?? `${requirement} is not supported`);
    default:
      return `unknown requirement "${String(requirement)}"`;
  }
}
