/** Runs `scimulator judge` in process and a client against it once it announces its URL. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { main } from '../../../cli/index.js';
import type { Report } from '../../../engine/runner/index.js';

export interface JudgeRun {
  code: number;
  stdout: string;
  stderr: string;
  url: string | undefined;
  token: string | undefined;
}

/** Starts `judge argv…`; calls `client(url, token)` after `listening on`; resolves when the command exits. */
export async function runJudge(
  argv: string[],
  client: (url: string, token: string) => Promise<unknown>,
): Promise<JudgeRun> {
  let stdout = '';
  let stderr = '';
  let announced: (url: string) => void = () => undefined;
  const listening = new Promise<string>((resolve) => (announced = resolve));
  const done = main(['judge', ...argv], {
    stdout: {
      write: (s: string) => {
        stdout += s;
        const m = /listening on (\S+)/.exec(stdout);
        if (m?.[1]) announced(m[1]);
      },
    },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
  });
  const url = await Promise.race([listening, done.then(() => undefined)]);
  const token = /bearer token: (\S+)/.exec(stdout)?.[1] ?? argv[argv.indexOf('--token') + 1];
  if (url !== undefined) await client(url, token ?? '');
  const code = await done;
  return { code, stdout, stderr, url, token };
}

export async function readJsonReport(dir: string): Promise<Report> {
  return JSON.parse(await readFile(join(dir, 'scimulator-report.json'), 'utf8')) as Report;
}

export const failedIds = (report: Report): string[] =>
  report.results
    .filter((r) => r.outcome === 'fail' || r.outcome === 'error')
    .map((r) => r.id)
    .sort();

/**
 * A client that sends exactly two requests: a good create, then a conditional PATCH with an empty Operations
 * array labelled text/plain.
 */
export async function twoDefectClient(url: string, token: string): Promise<void> {
  const auth = { authorization: `Bearer ${token}` };
  const created = await fetch(`${url}/Users`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/scim+json' },
    body: JSON.stringify({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'pat@example.com',
    }),
  });
  const id = ((await created.json()) as { id?: string }).id ?? 'unknown';
  const etag = created.headers.get('etag');
  const patched = await fetch(`${url}/Users/${id}`, {
    method: 'PATCH',
    headers: { ...auth, 'content-type': 'text/plain', ...(etag ? { 'if-match': etag } : {}) },
    body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [] }),
  });
  await patched.text();
}
