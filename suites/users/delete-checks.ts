/** DELETE /Users/{id} checks (RFC 7644 §3.6). */
import { defineCheck, fail, skip, type AnyCheck } from '../../engine/index.js';
import { isFailure, responded } from '../support/guards.js';
import { listResources } from '../support/lists.js';
import { onBody, statusVerdict, verdict } from '../support/verdicts.js';
import { deletedUser, deletedUserQuery, recreatedUser } from './scenarios.js';
import { notCreated } from '../support/fixtures.js';

const SUITE = 'users';
const NOT_CREATED = 'The User to delete could not be created; judged by users.post.returns-201';

const deleteReturns204 = defineCheck({
  id: 'users.delete.returns-204',
  title: 'DELETE /Users/{id} answers 204 No Content',
  suite: SUITE,
  rfc: 'RFC7644 3.6',
  requirements: ['7644-3.6-a'],
  level: 'MUST',
  explanation: 'RFC 7644 §3.6 says a successful delete SHALL answer 204 No Content.',
  scenario: deletedUser,
  assert: ({ deletion }) => (deletion ? statusVerdict(deletion, 204) : notCreated('User', NOT_CREATED)),
});

const deleteEmptyBody = defineCheck({
  id: 'users.delete.empty-body',
  title: 'A successful DELETE has no body',
  suite: SUITE,
  rfc: 'RFC7644 3.6',
  requirements: ['7644-3.6-a'],
  level: 'MUST',
  explanation:
    'RFC 7644 §3.6 answers a delete with 204 No Content, which carries no body; some clients fail parsing a body they did not expect.',
  scenario: deletedUser,
  assert: ({ deletion }) => {
    if (!deletion) return notCreated('User', NOT_CREATED);
    const missing = responded(deletion);
    if (missing) return missing;
    if ((deletion.status as number) >= 300)
      return skip(`The delete failed with ${deletion.status}; judged by users.delete.returns-204`);
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

const deleteThenGet404 = defineCheck({
  id: 'users.delete.then-get-404',
  title: 'GET of a deleted User answers 404',
  suite: SUITE,
  rfc: 'RFC7644 3.6',
  requirements: ['7644-3.6-b'],
  level: 'MUST',
  explanation:
    'RFC 7644 §3.6 says every later operation on a deleted resource MUST answer 404, even when the server only soft-deletes.',
  scenario: deletedUser,
  assert: ({ deletion, after }) => {
    if (!deletion || !after) return notCreated('User', NOT_CREATED);
    if (deletion.status === undefined || deletion.status >= 300) {
      return skip(`The delete failed with ${deletion.status}; judged by users.delete.returns-204`);
    }
    return statusVerdict(after, 404);
  },
});

const deleteOmittedFromQuery = defineCheck({
  id: 'users.delete.omitted-from-query',
  title: 'A deleted User no longer appears in query results',
  suite: SUITE,
  rfc: 'RFC7644 3.6',
  requirements: ['7644-3.6-c'],
  level: 'MUST',
  requires: ['filter'],
  explanation:
    'RFC 7644 §3.6 says deleted resources MUST be omitted from later queries; IdPs that still find the account try to update it instead of creating it.',
  scenario: deletedUserQuery,
  assert: ({ deleted, query }) => {
    if (!query) return notCreated('User', NOT_CREATED);
    if (deleted.deletion?.status === undefined || deleted.deletion.status >= 300) {
      return skip(`The delete failed with ${deleted.deletion?.status}; judged by users.delete.returns-204`);
    }
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

const deleteFreesUserName = defineCheck({
  id: 'users.delete.username-reusable',
  title: "A deleted User's userName can be used again",
  suite: SUITE,
  rfc: 'RFC7644 3.6',
  requirements: ['7644-3.6-d'],
  level: 'SHOULD',
  explanation:
    'RFC 7644 §3.6 says deleted resources SHOULD NOT count in uniqueness conflicts; IdPs re-provision a user after unassigning and reassigning them.',
  scenario: recreatedUser,
  assert: ({ deleted, again }) => {
    if (!again) return notCreated('User', NOT_CREATED);
    if (deleted.deletion?.status === undefined || deleted.deletion.status >= 300) {
      return skip(`The delete failed with ${deleted.deletion?.status}; judged by users.delete.returns-204`);
    }
    return statusVerdict(again.response, 201);
  },
});

export const deleteChecks: AnyCheck[] = [
  deleteReturns204,
  deleteEmptyBody,
  deleteThenGet404,
  deleteOmittedFromQuery,
  deleteFreesUserName,
];
