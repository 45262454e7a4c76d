/**
 * Reads the requirement checklists of docs/requirements/*.md: one Markdown table row per normative requirement
 * (`| id | § | keyword | requirement | observable? | black-box check |`) and `| id | reason |` rows saying why a
 * row has no check.
 * @module
 */

/** The BCP 14 strength of a row: MUST covers MUST/SHALL/REQUIRED (and their NOT forms); DEFINED has no keyword. */
export type RequirementLevel = 'MUST' | 'SHOULD' | 'MAY' | 'DEFINED';

export interface RequirementRow {
  /** e.g. `7644-3.4.2.4-a`; the first four digits name the RFC, the middle part the section. */
  id: string;
  rfc: number;
  section: string;
  /** The keyword column as written, e.g. `MUST / SHOULD` or `(impl)`. */
  keyword: string;
  level: RequirementLevel;
  /** The keyword binds the client, not the server (marked `(client)`). */
  client: boolean;
  requirement: string;
  observable: 'yes' | 'partly' | 'no';
  /** How a black-box tester would check it, as the checklist describes. */
  howToCheck: string;
  /** Why no check covers the row, from the `| id | reason |` table. */
  reason?: string;
}

const ID = /^(\d{4})-((?:\d+)(?:\.\d+)*)-[a-z]+\d*$/;

/** The strongest BCP 14 keyword of a keyword cell (case-sensitive: lowercase words are not BCP 14). */
export function levelOf(keyword: string): RequirementLevel {
  if (/\b(MUST|SHALL|REQUIRED)\b/.test(keyword)) return 'MUST';
  if (/\b(SHOULD|RECOMMENDED)\b/.test(keyword)) return 'SHOULD';
  if (/\b(MAY|OPTIONAL)\b/.test(keyword)) return 'MAY';
  return 'DEFINED';
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());
}

/** Rows of one checklist; throws a TypeError naming the line for a row it cannot read. */
export function parseRequirements(markdown: string, source = 'checklist'): RequirementRow[] {
  const rows: RequirementRow[] = [];
  const reasons = new Map<string, string>();
  let columns: string[] = [];
  markdown.split('\n').forEach((line, index) => {
    if (!line.trim().startsWith('|')) {
      columns = [];
      return;
    }
    const row = cells(line);
    if (row.every((c) => /^:?-+:?$/.test(c))) return;
    if (columns.length === 0) {
      columns = row.map((c) => c.toLowerCase());
      return;
    }
    const id = row[0] ?? '';
    const where = `${source}:${index + 1}`;
    if (columns[0] !== 'id' || !/^\d{4}-/.test(id)) return;
    const match = ID.exec(id);
    if (!match) throw new TypeError(`${where}: requirement id "${id}" is not NNNN-section-letter`);
    if (columns.length === 2 && columns[1] === 'reason') {
      reasons.set(id, row[1] ?? '');
      return;
    }
    if (row.length !== 6) throw new TypeError(`${where}: expected 6 cells, found ${row.length}`);
    const [, , keyword, requirement, observable, howToCheck] = row as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (observable !== 'yes' && observable !== 'partly' && observable !== 'no')
      throw new TypeError(`${where}: observable? must be yes, partly or no, got "${observable}"`);
    rows.push({
      id,
      rfc: Number(match[1]),
      section: match[2] as string,
      keyword,
      level: levelOf(keyword),
      client: /\(client\)/.test(keyword),
      requirement,
      observable,
      howToCheck,
    });
  });
  for (const [id, reason] of reasons) {
    const row = rows.find((r) => r.id === id);
    if (!row) throw new TypeError(`${source}: a reason names ${id}, which is not a row of the checklist`);
    row.reason = reason;
  }
  return rows;
}

/** The RFC Editor's address of a row's section. */
export function sectionUrl(row: Pick<RequirementRow, 'rfc' | 'section'>): string {
  return `https://www.rfc-editor.org/rfc/rfc${row.rfc}#section-${row.section}`;
}

/** A row a client can hold the server to: a MUST-level server requirement that is at least partly observable. */
export function isClientObservableMust(row: RequirementRow): boolean {
  return row.level === 'MUST' && !row.client && row.observable !== 'no';
}
