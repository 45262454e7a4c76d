/**
 * `scimulator cleanup`: lists what earlier runs left on a target by the naming convention (every name a run
 * creates starts with `scimtest-`), and deletes it only with `--yes`. Names without the prefix are never touched.
 * @module
 */
import type { Command } from 'commander';
import { DATA_PREFIX } from '../../engine/data/generator.js';
import { HarnessError } from '../../engine/errors.js';
import { parseInteger } from '../../engine/config/index.js';
import { discover } from '../../engine/runner/discovery.js';
import { preflight } from '../../engine/runner/preflight.js';
import { deleteVerified, findByPrefix, inPhases, type FoundResource } from '../../engine/runner/sweep.js';
import { HttpTransport } from '../../engine/transport/http-transport.js';
import { toolVersion } from '../../engine/version.js';
import { EXIT, table, write, type CliIo } from '../io.js';

/** Deletes in flight at once, as a run's default --concurrency. */
const CLEANUP_CONCURRENCY = 8;

interface CleanupFlags {
  target?: string;
  token?: string;
  prefix?: string;
  yes?: boolean;
  timeout?: string;
}

/** A prefix that could match real accounts is refused: only the harness's own naming convention is swept. */
function checkPrefix(prefix: string): string {
  if (!prefix.toLowerCase().startsWith(DATA_PREFIX) || /["\\]/.test(prefix))
    throw new HarnessError(
      'USAGE',
      `--prefix must start with "${DATA_PREFIX}" (the prefix of every name scimulator creates), got "${prefix}"`,
    );
  return prefix;
}

function baseUrlOf(target: string | undefined): string {
  if (target === undefined) throw new HarnessError('USAGE', 'cleanup needs --target URL (or $SCIM_BASE_URL)');
  try {
    const url = new URL(target);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('not http(s)');
  } catch {
    throw new HarnessError('USAGE', `--target must be an http(s) URL, got "${target}"`);
  }
  return target.replace(/\/+$/, '');
}

async function cleanupCommand(flags: CleanupFlags, io: CliIo): Promise<number> {
  const baseUrl = baseUrlOf(flags.target ?? io.env.SCIM_BASE_URL);
  const token = flags.token ?? io.env.SCIM_TOKEN;
  const prefix = checkPrefix(flags.prefix ?? DATA_PREFIX);
  const t = flags.timeout !== undefined ? parseInteger(flags.timeout, '--timeout', 1, 3_600_000) : undefined;
  const transport = new HttpTransport({
    baseUrl,
    ...(token !== undefined ? { token } : {}),
    ...(t !== undefined ? { timeouts: { requestMs: t, headersMs: t, bodyMs: t } } : {}),
    userAgent: `scimulator/${toolVersion()}`,
  });
  try {
    await preflight(transport, { baseUrl, ...(token !== undefined ? { authScheme: 'Bearer' } : {}) });
    const { capabilities } = await discover(transport);
    // Groups first: deleting a group never touches its members, and a member deleted first may linger in it.
    const types = Object.entries(capabilities.resourceTypes)
      .map(([type, { endpoint }]) => ({ type, endpoint: endpoint.replace(/\/+$/, '') }))
      .filter(({ endpoint }) => endpoint.startsWith('/'))
      .sort((a, b) => Number(a.type === 'User') - Number(b.type === 'User'));
    const found: FoundResource[] = [];
    for (const { type, endpoint } of types) {
      const listed = await findByPrefix(transport, baseUrl, type, endpoint, prefix);
      if (listed.problem) write(io.stderr, `scimulator: could not list ${endpoint}: ${listed.problem}`);
      found.push(...listed.found);
    }
    if (found.length === 0) {
      write(io.stdout, `nothing on ${baseUrl} is named with the prefix ${prefix}`);
      return EXIT.OK;
    }
    write(io.stdout, table([['type', 'id', 'name'], ...found.map((f) => [f.type, f.id, f.name])]));
    if (!flags.yes) {
      write(
        io.stdout,
        `${found.length} resource(s) named ${prefix}… on ${baseUrl}; dry run, nothing deleted (add --yes to delete them)`,
      );
      return EXIT.OK;
    }
    // Several deletes at a time, Groups before Users; what is still there is listed in the order found.
    const still = new Map<FoundResource, string>();
    await inPhases(found, CLEANUP_CONCURRENCY, async (resource) => {
      const outcome = await deleteVerified(transport, resource.url, resource.id);
      if (!outcome.gone)
        still.set(resource, `${resource.type} ${resource.name} (${resource.id}): ${outcome.reason}`);
    });
    const left = found.flatMap((resource) => still.get(resource) ?? []);
    write(io.stdout, `deleted ${found.length - left.length} of ${found.length} resource(s) named ${prefix}…`);
    for (const line of left) write(io.stdout, `  still there: ${line}`);
    return left.length > 0 ? EXIT.CHECKS_FAILED : EXIT.OK;
  } finally {
    await transport.close();
  }
}

export function registerCleanup(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('cleanup')
    .description(
      `list (and with --yes delete) what earlier runs left on a target: names starting with ${DATA_PREFIX}`,
    )
    .option('--target <url>', 'SCIM base URL of the target (or $SCIM_BASE_URL)')
    .option('--token <token>', 'bearer token (or $SCIM_TOKEN)')
    .option('--prefix <prefix>', `only names starting with this (default ${DATA_PREFIX}; must start with it)`)
    .option('--yes', 'delete what is listed (without it: a dry run that changes nothing)')
    .option('--timeout <ms>', 'per-request deadline in milliseconds (default 10000)')
    .action(async (flags: CleanupFlags) => {
      setCode(await cleanupCommand(flags, io));
    });
}
