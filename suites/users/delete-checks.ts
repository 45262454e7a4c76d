/** DELETE /Users/{id} checks (RFC 7644 §3.6). */
import {
  checkRows,
  fail,
  isFailure,
  listResources,
  notCreated,
  onBody,
  responded,
  skip,
  statusVerdict,
  verdict,
} from '../support/index.js';
import type { AnyCheck, HttpResult, Verdict } from '../support/index.js';
import { deletedUser, deletedUserQuery, recreatedUser } from './scenarios.js';

const check = checkRows({ suite: 'users', rfc: 'RFC7644 3.6', scenario: deletedUser });
const NOT_CREATED = 'The User to delete could not be created; judged by users.post.returns-201';

/** A skip when the delete itself failed: that is users.delete.returns-204's finding (one cause, one finding). */
function deleteFailed(deletion: HttpResult | undefined): Verdict | undefined {
  const status = deletion?.status;
  return status === undefined || status >= 300
    ? skip(`The delete failed with ${status}; judged by users.delete.returns-204`)
    : undefined;
}

const deleteReturns204 = check({
  id: 'users.delete.returns-204',
  title: 'DELETE /Users/{id} answers 204 No Content',
  requirements: ['7644-3.6-a'],
  level: 'MUST',
  explanation: 'RFC 7644 §3.6 says a successful delete SHALL answer 204 No Content.',
  assert: ({ deletion }) => (deletion ? statusVerdict(deletion, 204) : notCreated('User', NOT_CREATED)),
});

const deleteEmptyBody = check({
  id: 'users.delete.empty-body',
  title: 'A successful DELETE has no body',
  requirements: ['7644-3.6-a'],
  level: 'MUST',
  explanation:
    'RFC 7644 §3.6 answers a delete with 204 No Content, which carries no body; some clients fail parsing a body they did not expect.',
  assert: ({ deletion }) => {
    if (!deletion) return notCreated('User', NOT_CREATED);
    // No answer at all is this check's failure; an answer other than 2xx is returns-204's (deleteFailed).
    const unjudged = responded(deletion) ?? deleteFailed(deletion);
    if (unjudged) return unjudged;
    const text = deletion.text ?? '';
    return verdict(
      text.trim() === ''
        ? undefined
        : fail('VALUE_MISMATCH', 'The DELETE response has a body', {
            expected: 'no body',
            actual: text.length > 200 ? `${text.slice(0, 200)}…` : text,
          }),
    );
  },
});

const deleteThenGet404 = check({
  id: 'users.delete.then-get-404',
  title: 'GET of a deleted User answers 404',
  requirements: ['7644-3.6-b'],
  level: 'MUST',
  explanation:
    'RFC 7644 §3.6 says every later operation on a deleted resource MUST answer 404, even when the server only soft-deletes.',
  assert: ({ deletion, after }) => {
    if (!deletion || !after) return notCreated('User', NOT_CREATED);
    return deleteFailed(deletion) ?? statusVerdict(after, 404);
  },
});

const deleteOmittedFromQuery = check({
  id: 'users.delete.omitted-from-query',
  title: 'A deleted User no longer appears in query results',
  requirements: ['7644-3.6-c'],
  level: 'MUST',
  requires: ['filter'],
  explanation:
    'RFC 7644 §3.6 says deleted resources MUST be omitted from later queries; IdPs that still find the account try to update it instead of creating it.',
  scenario: deletedUserQuery,
  assert: ({ deleted, query }) => {
    if (!query) return notCreated('User', NOT_CREATED);
    const failed = deleteFailed(deleted.deletion);
    if (failed) return failed;
    return onBody(query, 200, 'users.list.returns-200', (body) => {
      const resources = listResources(body);
      if (isFailure(resources)) return resources;
      const index = resources.findIndex((r) => r['id'] === deleted.created.id);
      return index < 0
        ? undefined
        : fail('ATTRIBUTE_UNEXPECTED', 'The deleted User is still returned by a userName filter', {
            expected: 'no resource with the deleted id',
            actual: deleted.created.id,
            pointer: `/Resources/${index}`,
          });
    });
  },
});

const deleteFreesUserName = check({
  id: 'users.delete.username-reusable',
  title: "A deleted User's userName can be used again",
  requirements: ['7644-3.6-d'],
  level: 'SHOULD',
  explanation:
    'RFC 7644 §3.6 says deleted resources SHOULD NOT count in uniqueness conflicts; IdPs re-provision a user after unassigning and reassigning them.',
  scenario: recreatedUser,
  assert: ({ deleted, again }) => {
    if (!again) return notCreated('User', NOT_CREATED);
    return deleteFailed(deleted.deletion) ?? statusVerdict(again.response, 201);
  },
});

export const deleteChecks: AnyCheck[] = [
  deleteReturns204,
  deleteEmptyBody,
  deleteThenGet404,
  deleteOmittedFromQuery,
  deleteFreesUserName,
];
