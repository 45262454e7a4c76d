/** The common shape of a client check: judge each relevant request, fail on the first violations. */
import { fail, inconclusive, pass, skip } from '../model/index.js';
import type { ClientRequest, ClientVerdict } from './types.js';

/** What one request says: nothing wrong (undefined), a violation (a message), or undecidable (`{ skip }`). */
export type RequestFinding = undefined | string | { skip: string };

export interface JudgeEachOptions {
  /** The failure code of a violation, e.g. `PATCH_OPERATIONS_EMPTY`. */
  code: string;
  /** Why the check is skipped when no request is relevant, e.g. `the client sent no PATCH`. */
  none: string;
  expected?: string;
}

/** Evidence of a pass is capped: a long session would otherwise copy every exchange into the report. */
const MAX_EVIDENCE = 5;

/** Judges every request in `relevant`; a fail names each violation (message of the first, evidence of all). */
export function judgeEach(
  relevant: readonly ClientRequest[],
  judge: (request: ClientRequest) => RequestFinding,
  options: JudgeEachOptions,
): ClientVerdict {
  const violations: Array<{ seq: number; message: string }> = [];
  const judged: number[] = [];
  const undecided: string[] = [];
  for (const request of relevant) {
    const finding = judge(request);
    if (typeof finding === 'string') violations.push({ seq: request.seq, message: finding });
    else if (finding === undefined) judged.push(request.seq);
    else undecided.push(`#${request.seq}: ${finding.skip}`);
  }
  const first = violations[0];
  if (first) {
    const more = violations.length > 1 ? ` (and ${violations.length - 1} more request(s))` : '';
    return {
      ...fail(options.code, `request #${first.seq}: ${first.message}${more}`, {
        ...(options.expected !== undefined ? { expected: options.expected } : {}),
        actual: violations.map((v) => `#${v.seq}: ${v.message}`).slice(0, MAX_EVIDENCE),
      }),
      evidence: violations.map((v) => v.seq).slice(0, MAX_EVIDENCE),
    };
  }
  // Relevant requests whose evidence cannot decide are inconclusive, never a pass (brief: only what was observed).
  if (judged.length === 0)
    return undecided.length > 0
      ? inconclusive(`not decidable: ${undecided.slice(0, 3).join('; ')}`)
      : skip(options.none);
  return { ...pass(`${judged.length} request(s) judged`), evidence: judged.slice(0, MAX_EVIDENCE) };
}
