/** Judging the JSON bodies a client sent, one request at a time. */
import { isObject } from '../support/guards.js';
import {
  judgeEach,
  type ClientRequest,
  type ClientVerdict,
  type JudgeEachOptions,
  type RequestFinding,
} from '../../engine/judge/index.js';

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
