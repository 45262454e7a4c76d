/**
 * GitLab's response bodies (§4, §5): the User entity with its exact key order, the ListResponse with the
 * requested (not returned) page size, and the three error body shapes.
 */
import { TextCache, type ScimError, type ScimRequest, type ScimResponse } from '../core/index.js';
import type { GitlabStore, ScimIdentity } from './store.js';
import { SCIM_MEDIA_TYPE, URN } from '../../protocol/urns.js';

const JSON_CONTENT_TYPE = 'application/json';

interface NameParts {
  readonly givenName: string | null;
  readonly familyName: string | null;
}

/** `User#first_name` / `#last_name` when nothing is stored: first word, and the rest joined by one space. */
function splitWords(name: string): NameParts {
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length === 0) return { givenName: null, familyName: null };
  return { givenName: words[0] as string, familyName: words.slice(1).join(' ') };
}

/** The parts are a pure result of the name, which every render of a user repeats; callers only spread them. */
const nameParts = new TextCache<NameParts>();
const splitName = (name: string): NameParts => nameParts.get(name) ?? nameParts.set(name, splitWords(name));

/** `API::Entities::Scim::User`: `id` is the extern uid, and there is no externalId. */
export function renderUser(store: GitlabStore, identity: ScimIdentity): Record<string, unknown> {
  const user = store.user(identity.userId);
  return {
    schemas: [URN.user],
    id: identity.externUid,
    active: identity.active,
    emails: [{ type: 'work', value: user.email, primary: true }],
    name: { formatted: user.name, ...splitName(user.name) },
    meta: { resourceType: 'User' },
    userName: user.username,
  };
}

export function renderList(
  store: GitlabStore,
  page: readonly ScimIdentity[],
  totalResults: number,
  itemsPerPage: number,
  startIndex: string | number,
): Record<string, unknown> {
  return {
    schemas: [URN.listResponse],
    totalResults,
    itemsPerPage,
    startIndex,
    Resources: page.map((identity) => renderUser(store, identity)),
  };
}

/** Wire bodies for statuses the core raises on its own (body cap, body timeout, bad path encoding). */
const GRAPE_TEXT: Record<number, string> = {
  405: '405 Not Allowed',
  408: '408 Request Timeout',
  413: '413 Request Entity Too Large',
};

/** The flavour's only error renderer; every failure passes through here. */
export function renderError(error: ScimError, _req: ScimRequest | undefined): ScimResponse {
  const headers: Record<string, string> = { ...error.headers };
  if (error.status >= 500) {
    return { status: 500, headers, body: { message: '500 Internal Server Error' } };
  }
  const grape = GRAPE_TEXT[error.status];
  if (grape !== undefined) return { status: error.status, headers, body: { error: grape } };
  if (error.shape === 'message') return { status: error.status, headers, body: { message: error.detail } };
  if (error.shape === 'error' || error.status === 400) {
    return { status: error.status, headers, body: { error: error.detail } };
  }
  return {
    status: error.status,
    headers,
    body: {
      schemas: [URN.error],
      detail: error.detail,
      status: error.status,
    },
  };
}

/** GitLab's catch-all route answers outside the SCIM API, in plain JSON. */
export function renderRouteNotFound(): ScimResponse {
  return { status: 404, headers: { 'content-type': JSON_CONTENT_TYPE }, body: { error: '404 Not Found' } };
}

export function json(status: number, body: unknown, contentType = SCIM_MEDIA_TYPE): ScimResponse {
  return { status, headers: { 'content-type': contentType }, body };
}

export function noContent(): ScimResponse {
  return { status: 204 };
}
