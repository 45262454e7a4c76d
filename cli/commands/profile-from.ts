/**
 * `scimulator profile-from FILE [--out profile.yaml]`: drafts an IdP profile (profiles/*.yaml format) from a
 * recording, every inferred value commented; the draft is checked with the profile loader before it is kept.
 * @module
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import type { Command } from 'commander';
import { HarnessError } from '../../engine/errors.js';
import {
  draftProfile,
  loadRecording,
  renderProfileYaml,
  writeFileAtomic,
} from '../../engine/recording/index.js';
import { loadProfileFile } from '../../profiles/index.js';
import { examples, EXIT, write, type CliIo } from '../io.js';

interface ProfileFromFlags {
  out?: string;
  name?: string;
}

function slug(file: string): string {
  const s = basename(file, extname(file))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'drafted' : /^[a-z0-9]/.test(s) ? s : `p-${s}`;
}

/** Problems the profile loader finds in `yamlText` (empty when it loads). */
async function loaderProblem(yamlText: string): Promise<string | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'scimulator-profile-'));
  try {
    const file = join(dir, 'draft.yaml');
    await writeFile(file, yamlText, 'utf8');
    loadProfileFile(file);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function profileFromCommand(file: string, flags: ProfileFromFlags, io: CliIo): Promise<number> {
  const name = flags.name ?? slug(file);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    throw new HarnessError('USAGE', `--name must be lower-case letters, digits and dashes, got "${name}"`);
  }
  const recording = await loadRecording(file);
  const draft = draftProfile(recording, { name, label: basename(file) });
  const text = renderProfileYaml(draft, [
    `Source: ${basename(file)} (${recording.exchanges.length} exchanges).`,
  ]);
  const problem = await loaderProblem(text);
  if (problem) write(io.stderr, `warning: the draft does not load as a profile yet: ${problem}`);
  for (const warning of draft.warnings) write(io.stderr, `note: ${warning}`);
  if (flags.out === undefined) {
    io.stdout.write(text);
  } else {
    await writeFileAtomic(flags.out, text);
    write(io.stderr, `profile draft written to ${flags.out}`);
  }
  return EXIT.OK;
}

export function registerProfileFrom(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('profile-from')
    .description('draft an IdP profile (YAML, inferred values commented) from a recording or HAR file')
    .argument('<file>', 'recording or HAR 1.2 file')
    .option('--out <file>', 'write the profile here (default: stdout)')
    .option('--name <name>', 'profile name (default: from the file name)')
    .addHelpText(
      'after',
      examples(
        'scimulator profile-from recording.json --name my-idp --out my-idp.yaml',
        'scimulator profile-from browser-export.har',
      ),
    )
    .action(async (file: string, flags: ProfileFromFlags) =>
      setCode(await profileFromCommand(file, flags, io)),
    );
}
