/**
 * `serve`'s request log: batched on stderr, never lost on SIGINT/SIGTERM, and `--log-level`/`--quiet`
 * decide what it holds. `listening on <URL>` stays on stdout at every level.
 */
import { describe, expect, test } from 'vitest';
import { createLineLog } from '../../cli/line-log.js';
import { spawnCli } from '../reference-server/robustness/spawn-helpers.js';
import { cli } from '../support/cli.js';

const TOKEN = 'serve-log-token';
const REQUEST_LINE = /^GET \/scim\/v2\/(Users|Nope)\S* (200|401|404) \d+\.\dms$/;

async function burst(base: string, n: number, path: (i: number) => string, token = TOKEN): Promise<number[]> {
  const statuses: number[] = [];
  // Sequential keeps the order of the log lines the order of the requests.
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${base}${path(i)}`, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    statuses.push(res.status);
  }
  return statuses;
}

// One server at a time: a busy machine starts six CLIs at once too slowly for the start-up deadline.
describe('serve --log-level', () => {
  test.each(['SIGTERM', 'SIGINT'] as const)(
    'default (info): every request has its line on stderr after %s, none lost in the batch',
    async (signal) => {
      const serve = spawnCli(['serve', '--flavor', 'rfc', '--port', '0', '--token', TOKEN]);
      const base = await serve.listening();
      expect(serve.stdout()).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/m);
      await burst(base, 150, (i) => `/Users?count=${i}`);
      // Killed at once: the last batch is still queued (it waits up to 100 ms) and must be written on the way out.
      serve.child.kill(signal);
      expect(await serve.exit).toBe(0);
      const lines = serve.stderr().trimEnd().split('\n');
      const requests = lines.filter((l) => l.startsWith('GET '));
      expect(requests).toHaveLength(150);
      requests.forEach((l, i) => expect(l).toMatch(new RegExp(`^GET /scim/v2/Users\\?count=${i} 200 `)));
      // The closing line comes after every request line: one writer keeps the order.
      expect(lines.at(-1)).toBe(`${signal}: closing`);
    },
    60_000,
  );

  test('warn logs only 4xx/5xx answers; error and --quiet log no request at all', async () => {
    const runs: string[] = [];
    for (const flags of [['--log-level', 'warn'], ['--log-level', 'ERROR'], ['--quiet']]) {
      const serve = spawnCli(['serve', '--flavor', 'rfc', '--port', '0', '--token', TOKEN, ...flags]);
      const base = await serve.listening();
      await burst(base, 3, () => '/Users');
      await burst(base, 2, () => '/Nope');
      await burst(base, 1, () => '/Users', 'wrong-token');
      serve.child.kill('SIGTERM');
      expect(await serve.exit).toBe(0);
      expect(serve.stdout()).toMatch(/^listening on /m);
      runs.push(serve.stderr());
    }
    const [warn, error, quiet] = runs;
    expect(warn?.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^GET \/scim\/v2\/Nope 404 /),
      expect.stringMatching(/^GET \/scim\/v2\/Nope 404 /),
      expect.stringMatching(/^GET \/scim\/v2\/Users 401 /),
    ]);
    for (const line of warn?.trimEnd().split('\n') ?? []) expect(line).toMatch(REQUEST_LINE);
    expect(error).toBe('');
    expect(quiet).toBe('');
  }, 60_000);

  test('gitlab (the default flavour) logs through the same writer', async () => {
    const serve = spawnCli(['serve', '--port', '0', '--group', `acme:${TOKEN}`]);
    const base = await serve.listening();
    await burst(base, 20, () => '/Users');
    serve.child.kill('SIGTERM');
    expect(await serve.exit).toBe(0);
    const requests = serve
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('GET '));
    expect(requests).toHaveLength(20);
    for (const l of requests) expect(l).toMatch(/^GET \/api\/scim\/v2\/groups\/acme\/Users 200 \d+\.\dms$/);
  }, 60_000);

  test('a bad --log-level, or --quiet with --log-level, is one sentence and exit 2', async () => {
    const bad = await cli(['serve', '--port', '0', '--log-level', 'loud']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe(
      'scimulator: --log-level must be one of error, warn, info, debug, got "loud" [USAGE]',
    );
    const both = await cli(['serve', '--port', '0', '--quiet', '--log-level', 'info']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/'-q, --quiet' cannot be used with option '--log-level/);
    expect(both.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('createLineLog', () => {
  test('batches lines into one write, flushes on demand and after close writes at once', async () => {
    const writes: string[] = [];
    const log = createLineLog({ write: (s: string) => writes.push(s) }, { maxDelayMs: 20 });
    log.line('a');
    log.line('b\n');
    expect(writes).toEqual([]);
    await new Promise((r) => setTimeout(r, 60));
    expect(writes).toEqual(['a\nb\n']);
    log.line('c');
    log.flush();
    expect(writes).toEqual(['a\nb\n', 'c\n']);
    log.close();
    log.line('d');
    expect(writes).toEqual(['a\nb\n', 'c\n', 'd\n']);
  });

  test('a batch as large as maxChars is written without waiting; immediate writes every line', () => {
    const writes: string[] = [];
    const log = createLineLog({ write: (s: string) => writes.push(s) }, { maxChars: 10 });
    log.line('12345');
    log.line('67890');
    expect(writes).toEqual(['12345\n67890\n']);
    log.close();
    const now: string[] = [];
    const eager = createLineLog({ write: (s: string) => now.push(s) }, { immediate: true });
    eager.line('x');
    expect(now).toEqual(['x\n']);
    eager.close();
  });
});
