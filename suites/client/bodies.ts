/** Judging the JSON bodies a client sent, one request at a time. */
import { isObject, judgeEach } from '../support/index.js';
import type { ClientRequest, ClientVerdict, JudgeEachOptions, RequestFinding } from '../support/index.js';

/**
 * judgeEach over the bodies of `relevant`: a request whose body is not a JSON object cannot be judged on its
 * content (another check judges the body's form), so it is undecided rather than a violation.
 */
export function judgeEachBody(
  relevant: readonly ClientRequest[],
  judge: (body: Record<string, unknown>, request: ClientRequest) => RequestFinding,
  options: JudgeEachOptions,
): ClientVerdict {
  return judgeEach(
    relevant,
    (r) => (isObject(r.json) ? judge(r.json, r) : { skip: 'the body is not a JSON object' }),
    options,
  );
}

/** The `Operations` array of a PATCH or Bulk body (RFC 7644 §3.5.2, §3.7), or undefined when there is none. */
export function operationsOf(r: ClientRequest): unknown[] | undefined {
  return isObject(r.json) && Array.isArray(r.json.Operations) ? r.json.Operations : undefined;
}

/** What is wrong with each operation, joined into one finding; undefined when every operation is whole. */
export function operationProblems(
  ops: readonly unknown[],
  problem: (op: unknown, index: number) => string | undefined,
): string | undefined {
  const problems = ops.map(problem).filter((p) => p !== undefined);
  return problems.length > 0 ? problems.join('; ') : undefined;
}
