/** `scimulator list`: the catalogue of checks, suites, profiles and quirks. */
import type { Command } from 'commander';
import { HarnessError } from '../../engine/errors.js';
import { listQuirks as referenceQuirks } from '../../reference-server/index.js';
import { SUITES } from '../../suites/index.js';
import { EXIT, table, write, type CliIo } from '../io.js';
import { describeEvidence, describeProfiles, resolveProfile } from '../../profiles/index.js';
import { checkEvidenceTag } from '../../suites/lifecycle/index.js';

async function listCommand(what: string, io: CliIo, options: { profile?: string }): Promise<number> {
  switch (what) {
    case 'checks': {
      // With --profile, each lifecycle check shows how its step is known for that IdP (docs/idp/<idp>.md).
      const profile = options.profile !== undefined ? resolveProfile(options.profile) : undefined;
      const rows = SUITES.flatMap((s) =>
        s.checks
          .map((c) => {
            const tag = profile ? checkEvidenceTag(c.id, profile) : undefined;
            return profile
              ? tag === undefined
                ? undefined
                : [c.id, c.level, tag, c.rfc, c.title]
              : [c.id, c.level, c.rfc, c.title];
          })
          .filter((row): row is string[] => row !== undefined),
      );
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
    .option(
      '--profile <name>',
      "with checks: the lifecycle checks of one IdP profile, each with its step's evidence tag",
    )
    .action(async (what: string, options: { profile?: string }) =>
      setCode(await listCommand(what, io, options)),
    );
}
