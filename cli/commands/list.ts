/** `scimulator list`: the catalogue of checks, suites, profiles and quirks. */
import type { Command } from 'commander';
import { HarnessError } from '../../engine/errors.js';
import { listQuirks as referenceQuirks } from '../../reference-server/index.js';
import { SUITES } from '../../suites/index.js';
import { EXIT, table, write, type CliIo } from '../io.js';
import { describeEvidence, describeProfiles } from '../../profiles/index.js';

async function listCommand(what: string, io: CliIo): Promise<number> {
  switch (what) {
    case 'checks': {
      const rows = SUITES.flatMap((s) => s.checks.map((c) => [c.id, c.level, c.rfc, c.title]));
      write(io.stdout, rows.length > 0 ? table(rows) : 'no checks');
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
    default:
      throw new HarnessError(
        'USAGE',
        `list what? expected checks, suites, profiles or quirks, got "${what}"`,
      );
  }
}

export function registerList(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('list')
    .description('list checks, suites, profiles or quirks')
    .argument('<what>', 'checks | suites | profiles | quirks')
    .action(async (what: string) => setCode(await listCommand(what, io)));
}
