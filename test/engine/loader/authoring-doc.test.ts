/**
 * docs/authoring.md stays true: its `ts file=PATH` blocks are written into an empty folder and its
 * `npx scimulator …` commands are run there in document order (in process), each expected to exit 0
 * unless the line ends in `# exits N`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, expect, test, vi } from 'vitest';
import { cli, removeTempDirs, tempDir } from './helpers.js';

// ts-node type-checks the user's TypeScript: seconds of CPU per file, more while other files run.
vi.setConfig({ testTimeout: 120_000 });

afterAll(removeTempDirs);

type Step =
  | { kind: 'file'; path: string; text: string }
  | { kind: 'command'; argv: string[]; exit: number; line: string };

/** The doc's fenced blocks as steps: files to write and commands to run. */
function steps(markdown: string): Step[] {
  const out: Step[] = [];
  const fence = /^```(\S*)([^\n]*)\n([\s\S]*?)^```$/gm;
  for (const m of markdown.matchAll(fence)) {
    const [, lang, info = '', body = ''] = m;
    const file = /\bfile=(\S+)/.exec(info)?.[1];
    if (lang === 'ts' && file) out.push({ kind: 'file', path: file, text: body });
    if (lang === 'sh') {
      for (const line of body.split('\n')) {
        const cmd = /^npx scimulator (.*?)\s*(?:#\s*exits (\d+))?$/.exec(line.trim());
        if (cmd?.[1] !== undefined)
          out.push({ kind: 'command', argv: cmd[1].split(/\s+/), exit: Number(cmd[2] ?? 0), line });
      }
    }
  }
  return out;
}

const FIRST_RUN = 'run --checks scimulator/checks --suite acme --report console,json --out reports';

/** The README's "Write your own check" section, up to the next heading. */
function readmeSection(readme: string): string {
  const from = readme.indexOf('## Write your own check');
  const to = readme.indexOf('\n## ', from + 1);
  return readme.slice(from, to);
}

test('the commands of docs/authoring.md run as documented on its files', async () => {
  const doc = await readFile('docs/authoring.md', 'utf8');
  const plan = steps(doc);
  expect(plan.filter((s) => s.kind === 'file').map((s) => (s as { path: string }).path)).toEqual([
    'scimulator/checks/acme.check.ts',
    'scimulator/checks/acme-groups.suite.ts',
    'acme-idp.ts',
  ]);
  expect(plan.filter((s) => s.kind === 'command')).toHaveLength(5);
  await runPlan(plan);
});

test('the README\'s "Write your own check" section runs as written', async () => {
  const plan = steps(readmeSection(await readFile('README.md', 'utf8')));
  expect(plan.filter((s) => s.kind === 'file').map((s) => (s as { path: string }).path)).toEqual([
    'scimulator/checks/acme.check.ts',
  ]);
  expect(plan.filter((s) => s.kind === 'command')).toHaveLength(3);
  await runPlan(plan);
});

async function runPlan(plan: Step[]): Promise<void> {
  const dir = await tempDir('scimulator-doc-');
  let firstReport = '';
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    for (const step of plan) {
      if (step.kind === 'file') {
        await mkdir(dirname(join(dir, step.path)), { recursive: true });
        await writeFile(join(dir, step.path), step.text);
        continue;
      }
      const r = await cli(step.argv);
      expect(r.code, `${step.line}\n${r.stderr}\n${r.stdout.slice(-2000)}`).toBe(step.exit);
      if (step.argv.join(' ') === FIRST_RUN)
        firstReport = await readFile(join(dir, 'reports/scimulator-report.json'), 'utf8');
    }
  } finally {
    process.chdir(cwd);
  }
  // Later commands pick up the config file `init` wrote, and overwrite the report.
  const report = JSON.parse(firstReport) as {
    results: Array<{ id: string; suite: string; outcome: string; code?: string }>;
  };
  expect(report.results.map((r) => [r.id, r.suite, r.outcome, r.code])).toEqual([
    ['acme.users.list-honours-count', 'acme', 'pass', undefined],
    ['acme.users.list-has-request-id', 'acme', 'fail', 'HEADER_MISSING'],
  ]);
}
