/**
 * The §2 pipeline in front of every SCIM endpoint: instance SAML switch (403), group lookup (404),
 * SAML provider (404), then the group's SCIM token (401). The 404s come first, as in GitLab.
 */
import { tokenMatchesDigest, type ScimRequest } from '../core/index.js';
import { gitlabError } from './errors.js';
import type { Params } from './params.js';
import type { GitlabStore, Group } from './store.js';

const BEARER = /^Bearer\s+(.+)$/i;

/** Doorkeeper's `access_token` param, then `Authorization: Bearer`, then the `bearer_token` param. */
function extractToken(req: ScimRequest, params: Params): string | undefined {
  if (typeof params.access_token === 'string' && params.access_token !== '') return params.access_token;
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? BEARER.exec(header.trim()) : null;
  if (match) return match[1];
  if (typeof params.bearer_token === 'string' && params.bearer_token !== '') return params.bearer_token;
  return undefined;
}

/** Compared through digests (or the bytes that last matched), so the time says nothing about the token. */
function tokenMatches(token: string | undefined, group: Group): boolean {
  if (token === undefined) return false;
  return tokenMatchesDigest(token, group.tokenHash);
}

/** Finds the group by id or path and checks the caller's token; throws GitLab's error otherwise. */
export function authenticateScim(
  req: ScimRequest,
  params: Params,
  store: GitlabStore,
  groupSamlEnabled: boolean,
): Group {
  if (!groupSamlEnabled) throw gitlabError.samlDisabled();
  const param = req.params.group ?? '';
  const group = store.findGroup(param);
  if (!group) throw gitlabError.notFound(`Group ${param} not found`);
  if (!group.saml) throw gitlabError.notFound(`Group ${param} does not have SAML SSO configured`);
  if (!tokenMatches(extractToken(req, params), group)) throw gitlabError.unauthorized();
  return group;
}

/** The members view is a v4 API: plain GitLab 404, same token rule, no SAML requirement. */
export function authenticateV4(req: ScimRequest, params: Params, store: GitlabStore): Group {
  const group = store.findGroup(req.params.group ?? '');
  if (!group) throw gitlabError.groupNotFoundV4();
  if (!tokenMatches(extractToken(req, params), group)) throw gitlabError.unauthorized();
  return group;
}
