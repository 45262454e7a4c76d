/** `scimulator list`: the catalogue of checks, suites, profiles and quirks. */
import type { Command } from 'commander';
import { HarnessError } from '../../engine/errors.js';
import { listQuirks as referenceQuirks } from '../../reference-server/index.js';
import { SUITES } from '../../suites/index.js';
import { examples, EXIT, table, write, type CliIo } from '../io.js';
import { describeEvidence, describeProfiles, resolveProfile } from '../../profiles/index.js';
import { checkEvidenceTag } from '../../suites/lifecycle/index.js';
import { renderRequirementList } from './list-requirements.js';

/** Lines fit 100–120 columns: the terminal's width within that range, 110 when not a terminal. */
function listWidth(io: CliIo): number {
  const columns = (io.stdout as { columns?: unknown }).columns;
  return typeof columns === 'number' && columns > 0 ? Math.min(120, Math.max(100, columns)) : 110;
}

/** Greedy word wrap; a word longer than the width is cut. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(/\s+/).filter((w) => w !== '')) {
    while (word.length > width) {
      if (line !== '') lines.push(line);
      lines.push(word.slice(0, width));
      word = word.slice(width);
      line = '';
    }
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/**
 * One entry per check: `id  LEVEL  title (reference)` with the id first (so grep finds it), the title and the
 * reference wrapped under their column so no line passes `width`.
 */
export function checkLines(
  checks: ReadonlyArray<{
    id: string;
    level: string;
    rfc?: string;
    source?: readonly string[];
    title: string;
  }>,
  width: number,
): string[] {
  const idWidth = Math.max(...checks.map((c) => c.id.length));
  const levelWidth = Math.max(...checks.map((c) => c.level.length));
  const indent = idWidth + 2 + levelWidth + 2;
  const textWidth = Math.max(30, width - indent);
  const lines: string[] = [];
  for (const c of checks) {
    const refs = [...(c.rfc ? [c.rfc] : []), ...(c.source ?? [])];
    const text = refs.length > 0 ? `${c.title} (${refs.join(', ')})` : c.title;
    const [first = '', ...rest] = wrap(text, textWidth);
    lines.push(`${c.id.padEnd(idWidth)}  ${c.level.padEnd(levelWidth)}  ${first}`);
    for (const more of rest) lines.push(`${' '.repeat(indent)}${more}`);
  }
  return lines;
}

async function listCommand(what: string, io: CliIo, options: { profile?: string } = {}): Promise<number> {
  switch (what) {
    case 'checks': {
      // With --profile: the lifecycle checks of that IdP, each tagged with how its step is known (docs/idp/<idp>.md).
      const profile = options.profile !== undefined ? resolveProfile(options.profile) : undefined;
      const checks = SUITES.flatMap((s) => s.checks).flatMap((c) => {
        if (!profile) return [c];
        const tag = checkEvidenceTag(c.id, profile);
        return tag === undefined ? [] : [{ ...c, title: `[${tag}] ${c.title}` }];
      });
      write(io.stdout, checks.length > 0 ? checkLines(checks, listWidth(io)).join('\n') : 'no checks');
      return EXIT.OK;
    }
    case 'suites': {
      const rows = SUITES.map((s) => [s.name, String(s.checks.length), s.title]);
      write(io.stdout, rows.length > 0 ? table(rows) : 'no suites');
      return EXIT.OK;
    }
    case 'profiles':
      write(
        io.stdout,
        table([
          ['rfc', '', 'RFC 7643/7644 conformance (always on)'],
          ...describeProfiles().map((p) => [
            p.name,
            p.variantOf ? `variant of ${p.variantOf}` : '',
            p.title,
            describeEvidence(p),
          ]),
        ]),
      );
      return EXIT.OK;
    case 'quirks': {
      const quirks = referenceQuirks();
      write(io.stdout, table(quirks.map((q) => [q.name, q.flavour, q.description])));
      return EXIT.OK;
    }
    case 'requirements':
      write(io.stdout, renderRequirementList());
      return EXIT.OK;
    default:
      throw new HarnessError(
        'USAGE',
        `list what? expected checks, suites, profiles, quirks or requirements, got "${what}"`,
      );
  }
}

export function registerList(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('list')
    .description(
      'list checks, suites, profiles, quirks or requirements (RFC rows and the checks covering them)',
    )
    .argument('<what>', 'checks | suites | profiles | quirks | requirements')
    .option(
      '--profile <name>',
      "with checks: one IdP profile's lifecycle checks, each with its step's evidence tag",
    )
    .addHelpText(
      'after',
      examples(
        'scimulator list suites',
        'scimulator list checks | grep users.post',
        'scimulator list checks --profile okta',
      ),
    )
    .action(async (what: string, options: { profile?: string }) =>
      setCode(await listCommand(what, io, options)),
    );
}
