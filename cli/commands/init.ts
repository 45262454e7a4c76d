/**
 * `scimulator init [--dir D]`: writes a commented config file, an example custom check in
 * TypeScript and a CI snippet from fixtures/init/, never overwriting a file that exists.
 * @module
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { Command } from 'commander';
import { HarnessError } from '../../engine/errors.js';
import { packageEntry } from '../../engine/loader/index.js';
import { examples, EXIT, write, type CliIo } from '../io.js';

/** Template (in fixtures/init/) → path written below `--dir`. */
const INIT_FILES: ReadonlyArray<{ template: string; target: string }> = [
  { template: 'scimulator.config.yaml', target: 'scimulator.config.yaml' },
  // `.tmpl`: the template is not part of this repository's own TypeScript project.
  { template: 'example.check.ts.tmpl', target: join('scimulator', 'checks', 'example.check.ts') },
  { template: 'github-actions.yml', target: join('scimulator', 'ci', 'github-actions.yml') },
];

function templateDir(): string {
  return join(packageEntry().root, 'fixtures', 'init');
}

async function initCommand(flags: { dir?: string }, io: CliIo): Promise<number> {
  const dir = flags.dir ?? '.';
  const skipped: string[] = [];
  for (const { template, target } of INIT_FILES) {
    const path = join(dir, target);
    let text: string;
    try {
      text = await readFile(join(templateDir(), template), 'utf8');
    } catch (err) {
      throw new HarnessError('HARNESS_BUG', `init template ${template} is missing from ${templateDir()}`, {
        cause: err,
      });
    }
    await mkdir(dirname(path), { recursive: true });
    try {
      // `wx`: never replace what is there, not even if it appeared a moment ago.
      await writeFile(path, text, { flag: 'wx' });
      write(io.stdout, `wrote ${path}`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      skipped.push(path);
      write(io.stdout, `skipped ${path} (exists)`);
    }
  }
  const config = relative('.', join(dir, 'scimulator.config.yaml')) || 'scimulator.config.yaml';
  write(
    io.stdout,
    [
      '',
      'Next steps:',
      '  npm install --save-dev scimulator   # so that `import … from "scimulator"` type-checks in your editor',
      `  npx scimulator run --config ${config}`,
      `  copy ${join(dir, 'scimulator', 'ci', 'github-actions.yml')} to .github/workflows/ to gate CI`,
      ...(skipped.length > 0
        ? [
            `  (${skipped.length === 1 ? '1 file' : `${skipped.length} files`} existed and ${skipped.length === 1 ? 'was' : 'were'} left as ${skipped.length === 1 ? 'it was' : 'they are'})`,
          ]
        : []),
    ].join('\n'),
  );
  return EXIT.OK;
}

export function registerInit(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('init')
    .description('write a config file, an example custom check and a CI snippet (never overwrites)')
    .option('--dir <dir>', 'folder to write into (default: the current folder)')
    .addHelpText('after', examples('scimulator init', 'scimulator init --dir my-service'))
    .action(async (flags: { dir?: string }) => {
      setCode(await initCommand(flags, io));
    });
}
