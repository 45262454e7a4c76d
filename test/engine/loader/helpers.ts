/** Shared plumbing of the user-checks tests: the CLI in process, temporary folders, the JSON report. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../cli/index.js';
import type { Report } from '../../../index.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env,
  });
  return { code, stdout, stderr };
}

const dirs: string[] = [];

/** A fresh temporary folder, removed by `removeTempDirs` (call it in afterAll). */
export async function tempDir(label = 'scimulator-user-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), label));
  dirs.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

/** Writes `files` (name → text) into `dir` and returns their paths by name. */
export async function writeFiles(
  dir: string,
  files: Record<string, string>,
): Promise<Record<string, string>> {
  const paths: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    paths[name] = join(dir, name);
    await writeFile(paths[name], text);
  }
  return paths;
}

export async function readReport(out: string): Promise<Report> {
  return JSON.parse(await readFile(join(out, 'scimulator-report.json'), 'utf8')) as Report;
}

/** A check file in TypeScript with one passing check; `extra` is spliced into the check object. */
export function passingCheckTs(id = 'acme.discovery.spc-answers-200', extra = ''): string {
  return `import { defineCheck, defineScenario, expectStatus, verdict } from 'scimulator';

const spc = defineScenario({
  id: '${id}.scenario',
  run: (ctx) => ctx.http.request({ method: 'GET', path: '/ServiceProviderConfig' }),
});

export default [
  defineCheck({
    id: '${id}',
    title: 'GET /ServiceProviderConfig answers 200',
    suite: 'acme',
    rfc: 'RFC7644 4',
    level: 'MUST',
    explanation: 'Clients read the configuration first.',
    scenario: spc,
    assert: (res) => verdict(expectStatus(res, 200)),${extra}
  }),
];
`;
}
