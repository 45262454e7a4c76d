/** A few end-to-end runs of the real executable (`bin/scimulator.js` → dist/); kept few because each spawns Node. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { sendJson, startTestServer } from '../engine/helpers.js';

const BIN = 'bin/scimulator.js';

// dist/ is compiled once for the whole run by vitest's global setup (test/support/build-dist.ts).

function start(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
} {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...env } });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function waitFor(predicate: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('bin/scimulator.js', () => {
  test('--help and --version exit 0; an unknown flag exits 2', async () => {
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    const help = start(['--help']);
    expect(await help.exit).toBe(0);
    expect(help.stdout()).toContain('Usage: scimulator');
    const version = start(['--version']);
    expect(await version.exit).toBe(0);
    expect(version.stdout().trim()).toBe(pkg.version);
    const bad = start(['run', '--no-such-flag']);
    expect(await bad.exit).toBe(2);
  });

  test('serve --port 0 prints "listening on <URL>" and closes on SIGTERM', async () => {
    const serve = start(['serve', '--flavor', 'rfc', '--port', '0', '--token', 'spawn-token']);
    await waitFor(() => /listening on /.test(serve.stdout()));
    const lines = serve.stdout().trim().split('\n');
    expect(lines.filter((l) => l.startsWith('listening on '))).toHaveLength(1);
    expect(lines[lines.length - 1]).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\//);
    serve.child.kill('SIGTERM');
    expect(await serve.exit).toBe(0);
  });

  test('Ctrl-C during a run deletes what the run created and exits 130', async () => {
    let created = false;
    let interrupted = false;
    const deleted: string[] = [];
    let child: ChildProcess | undefined;
    const target = await startTestServer((req, res) => {
      const path = (req.url ?? '').replace(/^\/scim\/v2/, '').split('?')[0];
      if (req.method === 'DELETE') {
        deleted.push(path ?? '');
        res.writeHead(204);
        return res.end();
      }
      if (req.method === 'POST' && path === '/Users' && !created) {
        created = true;
        return sendJson(res, 201, {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          id: 'u-1',
          userName: 'x',
        });
      }
      if (created && !interrupted) {
        // Hang, and interrupt the harness while it waits.
        interrupted = true;
        child?.kill('SIGINT');
        return;
      }
      if (req.method === 'GET' && path === '/Users')
        return sendJson(res, 200, {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
          totalResults: 0,
          Resources: [],
        });
      return sendJson(res, 404, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404' });
    });
    try {
      const run = start(['run', '--target', target.url, '--token', 't0ken-value', '--report', 'console']);
      child = run.child;
      expect(await run.exit).toBe(130);
      expect(deleted).toContain('/Users/u-1');
      expect(run.stdout()).toContain('Interrupted (SIGINT)');
    } finally {
      await target.close();
    }
  });

  test('Ctrl-C while starting says so in one line and exits 130', async () => {
    const target = await startTestServer(() => undefined);
    try {
      // SCIMULATOR_DEBUG makes the executable say when it is loading, i.e. when the signal can arrive early.
      const run = start(['run', '--target', target.url, '--token', 't', '--report', 'console,json'], {
        SCIMULATOR_DEBUG: '1',
      });
      await waitFor(() => run.stderr().includes('scimulator: loading (debug)'));
      run.child.kill('SIGINT');
      expect(await run.exit).toBe(130);
      expect(run.stderr()).toContain(
        'scimulator: interrupted (SIGINT) before the first check: nothing was created on the target and no report was written\n',
      );
      expect(run.stdout()).toBe('');
      expect(target.requests).toEqual([]);
    } finally {
      await target.close();
    }
  });
});
