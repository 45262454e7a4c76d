/**
 * `POST /Users` (§8, `Group::ProvisioningService`): idempotent for a known identity, links an existing
 * account found by e-mail (or refuses it, per the group's `existingEmail` policy), else creates the user.
 */
import { ACCESS_LEVELS } from './config.js';
import { gitlabError } from './errors.js';
import type { Params } from './params.js';
import { parsePostParams } from './post-params.js';
import { filterSecrets, inspect, toSentence } from './ruby.js';
import type { GitlabStore, Group, ScimIdentity, User } from './store.js';
import { sanitizeUsername, uniqueUsername } from './username.js';

const REQUIRED = ['extern_uid', 'email', 'username'] as const;
const VALID_EMAIL = /^[^@\s]+@[^@\s]+$/;

const DOMAIN_NOT_ALLOWED =
  "The member's email address is not allowed for this group. Check with your administrator.";
const SSO_NOT_LINKED =
  "The member's email address is not linked to a SAML account or has an inactive SCIM identity.";

/** GroupMember validations: allowed e-mail domains and SSO enforcement. */
function memberErrors(store: GitlabStore, group: Group, user: User): string[] {
  const errors: string[] = [];
  if (group.allowedEmailDomains.length > 0) {
    const domains = [user.email, ...user.secondaryEmails].map((e) =>
      e.slice(e.lastIndexOf('@') + 1).toLowerCase(),
    );
    if (!domains.some((d) => group.allowedEmailDomains.includes(d))) errors.push(DOMAIN_NOT_ALLOWED);
  }
  if (group.saml?.enforceSso) {
    const linked = user.samlLinkedGroupIds.includes(group.id);
    if (!linked || store.identityOfUser(group.id, user.id)?.active === false) errors.push(SSO_NOT_LINKED);
  }
  return errors;
}

export function addDefaultMembership(store: GitlabStore, group: Group, userId: number): void {
  const role = group.saml ? group.saml.defaultMembershipRole : 'guest';
  store.addMembership({
    groupId: group.id,
    userId,
    accessLevel: ACCESS_LEVELS[role],
    pendingDeletion: false,
  });
}

/** Creates or links the user and answers the identity to render with 201; throws GitLab's 409/412 otherwise. */
export function provision(store: GitlabStore, group: Group, params: Params): ScimIdentity {
  const parsed = parsePostParams(params);
  const detail = (message: string): string =>
    `Error saving user with ${inspect(filterSecrets(params))}: ${message}`;
  const fail = (errors: string[]): never => {
    const message = detail(toSentence(errors));
    throw errors.some((e) => e.includes('has already been taken'))
      ? gitlabError.conflict(message)
      : gitlabError.rejected(message);
  };

  const missing = REQUIRED.filter((key) => parsed[key] === undefined);
  if (missing.length > 0) fail([`Missing params: [${missing.map((k) => `:${k}`).join(', ')}]`]);
  const uid = parsed.extern_uid as string;
  const email = parsed.email as string;

  const identity = store.identityByUid(group.id, uid);
  const emailUser = email === '' ? undefined : store.userByAnyEmail(email);
  const identityUserId = identity ? identity.userId : emailUser?.id;
  if (identityUserId !== undefined && store.membership(group.id, identityUserId)?.pendingDeletion) {
    throw gitlabError.conflict(detail('User is pending deletion'));
  }
  const isMember = (userId: number): boolean => store.membership(group.id, userId) !== undefined;
  if (identity && isMember(identity.userId)) return identity;

  const identityErrors = (user: User | undefined): string[] => {
    if (identity) return [];
    if (uid.trim() === '') return ["Extern uid can't be blank"];
    return user && store.identityOfUser(group.id, user.id) ? ['User has already been taken'] : [];
  };
  const newIdentity = (userId: number): ScimIdentity =>
    store.createIdentity({ groupId: group.id, userId, externUid: uid, active: true });

  if (emailUser) {
    if (group.existingEmail === 'reject' && !store.identityOfUser(group.id, emailUser.id)) {
      throw gitlabError.conflict('Email exists');
    }
    const errors = [
      ...identityErrors(emailUser),
      ...(isMember(emailUser.id) ? [] : memberErrors(store, group, emailUser)),
    ];
    if (errors.length > 0) fail(errors);
    if (!isMember(emailUser.id)) addDefaultMembership(store, group, emailUser.id);
    return identity ?? newIdentity(emailUser.id);
  }

  const name = parsed.name ?? '';
  const userErrors: string[] = [];
  if (name.trim() === '') userErrors.push("Name can't be blank");
  if (email.trim() === '') userErrors.push("Email can't be blank");
  else if (!VALID_EMAIL.test(email)) userErrors.push('Email is invalid');
  const errors = [...userErrors, ...identityErrors(undefined)];
  if (errors.length > 0) fail(errors);

  const username = uniqueUsername(sanitizeUsername(parsed.username as string), (c) =>
    store.namespaceTaken(c),
  );
  const user = store.createUser({
    username,
    name,
    email,
    secondaryEmails: [],
    provisionedByGroupId: group.id,
    samlLinkedGroupIds: [group.id],
  });
  const result = identity ?? newIdentity(user.id);
  // The account and identity are saved before the membership is validated, as in GitLab (§13.21).
  const membership = memberErrors(store, group, user);
  if (membership.length > 0) fail(membership);
  addDefaultMembership(store, group, user.id);
  return result;
}
