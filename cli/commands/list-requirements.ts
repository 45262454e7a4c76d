/** `scimulator list requirements`: every normative row of RFC 7643, 7644 and 9865, with the checks covering it. */
import {
  citations,
  coverage,
  isClientObservableMust,
  loadRequirements,
  percent,
  type RequirementRow,
} from '../../engine/requirements/index.js';
import { SUITES } from '../../suites/index.js';
import { table } from '../io.js';

const PARAPHRASE = 64;

function short(text: string): string {
  const plain = text.replace(/`/g, '').replace(/\s+/g, ' ');
  return plain.length <= PARAPHRASE ? plain : `${plain.slice(0, PARAPHRASE - 1)}…`;
}

/** What covers a row: its checks, else why it has none. */
function coveredBy(row: RequirementRow, checks: readonly string[] | undefined): string {
  if (checks && checks.length > 0) return checks.join(', ');
  if (row.reason) return `not covered: ${row.reason}`;
  if (row.client) return 'not observable: binds the client';
  if (row.observable === 'no') return `not observable: ${row.howToCheck}`;
  return isClientObservableMust(row) ? 'NO CHECK YET' : 'no check (not a MUST-level row)';
}

/** The listing plus one coverage line per RFC. */
export function renderRequirementList(): string {
  const rows = loadRequirements();
  const cited = citations(SUITES.flatMap((s) => s.checks));
  const lines = table([
    ['id', 'RFC §', 'level', 'obs.', 'requirement', 'checks (or why none)'],
    ...rows.map((r) => [
      r.id,
      `${r.rfc} §${r.section}`,
      r.client ? `${r.level} (client)` : r.level,
      r.observable,
      short(r.requirement),
      coveredBy(r, cited.get(r.id)),
    ]),
  ]);
  const totals = coverage(rows, cited).map(
    (c) =>
      `RFC ${c.rfc}: ${c.mustCovered} of ${c.mustObservable} client-observable MUST/SHALL rows have a check ` +
      `(${percent(c.mustCovered, c.mustObservable)})`,
  );
  return `${lines}\n\n${totals.join('\n')}`;
}
