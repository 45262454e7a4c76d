/**
 * Ctrl-C mid-run (the real executable): the end-of-run sweep still finds and deletes what the run created,
 * even a user whose create answer carried no id; a second Ctrl-C exits at once and prints the cleanup command.
 */
import { spawn, spawnSync } from 'node:child_process';
import { beforeAll, expect, test } from 'vitest';
import { sendJson, startTestServer, type TestServer } from '../engine/helpers.js';

const BIN = 'bin/scimulator.js';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

beforeAll(() => {
  spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'ignore' });
}, 120_000);

/** A target that stores users, answers creates without an id, and calls `onArmed` at the first request after one. */
async function storingTarget(
  onArmed: () => void,
  hangAfterArmed: boolean,
): Promise<TestServer & { users: Map<string, string> }> {
  const users = new Map<string, string>();
  let armed = false;
  let fired = false;
  let next = 1;
  const server = await startTestServer((req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.replace(/^\/scim\/v2/, '');
    if (armed && (!fired || hangAfterArmed)) {
      if (!fired) {
        fired = true;
        onArmed();
      }
      return; // hangs
    }
    if (path === '/ServiceProviderConfig')
      return sendJson(res, 200, { schemas: [], filter: { supported: true, maxResults: 100 } });
    if (req.method === 'POST' && path === '/Users') {
      const userName = (JSON.parse(body) as { userName: string }).userName;
      users.set(String(next++), userName);
      armed = true;
      return sendJson(res, 201, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'] });
    }
    if (req.method === 'GET' && path === '/Users') {
      const sw = /sw "([^"]+)"/.exec(url.searchParams.get('filter') ?? '')?.[1];
      const eq = /eq "([^"]+)"/.exec(url.searchParams.get('filter') ?? '')?.[1];
      const hits = [...users]
        .filter(([, n]) => (sw ? n.startsWith(sw) : eq ? n === eq : true))
        .map(([id, userName]) => ({ id, userName }));
      return sendJson(res, 200, { schemas: [LIST], totalResults: hits.length, Resources: hits });
    }
    const one = /^\/Users\/([^/]+)$/.exec(path);
    if (one && req.method === 'DELETE') {
      users.delete(one[1] ?? '');
      res.writeHead(204);
      return res.end();
    }
    if (one && req.method === 'GET' && users.has(one[1] ?? ''))
      return sendJson(res, 200, { id: one[1], userName: users.get(one[1] ?? '') });
    return sendJson(res, 404, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404' });
  });
  return { ...server, users };
}

function start(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exit };
}

test('SIGINT mid-run: the sweep deletes a user created without an id, then exits 130', async () => {
  let kill = (): void => undefined;
  const target = await storingTarget(() => kill(), false);
  try {
    const run = start([
      'run',
      '--target',
      target.url,
      '--token',
      'tok',
      '--suite',
      'users',
      '--report',
      'console',
    ]);
    kill = () => run.child.kill('SIGINT');
    expect(await run.exit).toBe(130);
    expect(target.users.size).toBe(0);
    expect(run.out()).toContain('Interrupted (SIGINT)');
    expect(run.out()).not.toContain('warning:');
  } finally {
    await target.close();
  }
}, 60_000);

test('a second SIGINT exits at once and prints the command that removes what is left', async () => {
  let kill = (): void => undefined;
  const target = await storingTarget(() => kill(), true);
  try {
    const run = start(['run', '--target', target.url, '--token', 'tok', '--suite', 'users']);
    // Measured from the first Ctrl-C, not from spawning: process start-up on a loaded machine is no part of it.
    let interrupted = 0;
    kill = () => {
      interrupted = Date.now();
      run.child.kill('SIGINT');
      setTimeout(() => run.child.kill('SIGINT'), 500);
    };
    expect(await run.exit).toBe(130);
    // The second Ctrl-C comes 500 ms after the first; the process must be gone right after it.
    expect(Date.now() - interrupted).toBeLessThan(2_000);
    expect(run.err()).toMatch(
      new RegExp(
        `scimulator cleanup --target ${target.url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} --prefix scimtest-[0-9a-z]{6} --yes`,
      ),
    );
    expect(target.users.size).toBe(1);
  } finally {
    await target.close();
  }
}, 60_000);
