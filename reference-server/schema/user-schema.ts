import { defineAttribute as a, multiValuedQuartet } from './define-attribute.js';
import type { SchemaDefinition } from './types.js';
import { URN } from '../../protocol/urns.js';

/** The core User schema, characteristics as in RFC 7643 §8.7.1 with the verified errata applied. */
export const USER_SCHEMA: SchemaDefinition = {
  id: URN.user,
  name: 'User',
  description: 'User Account',
  attributes: [
    a('userName', 'string', 'Unique identifier for the User, used to authenticate.', {
      required: true,
      uniqueness: 'server',
    }),
    a('name', 'complex', "The components of the user's real name.", {
      subAttributes: [
        a('formatted', 'string', 'The full name, formatted for display.'),
        a('familyName', 'string', 'The family name of the User.'),
        a('givenName', 'string', 'The given name of the User.'),
        a('middleName', 'string', 'The middle name(s) of the User.'),
        a('honorificPrefix', 'string', 'The honorific prefix(es) of the User.'),
        a('honorificSuffix', 'string', 'The honorific suffix(es) of the User.'),
      ],
    }),
    a('displayName', 'string', 'The name of the User, suitable for display to end-users.'),
    a('nickName', 'string', 'The casual way to address the user in real life.'),
    a('profileUrl', 'reference', "A fully qualified URL pointing to the User's online profile.", {
      referenceTypes: ['external'],
    }),
    a('title', 'string', "The user's title, such as 'Vice President'."),
    a('userType', 'string', 'Used to identify the relationship between the organization and the user.'),
    a('preferredLanguage', 'string', "The User's preferred written or spoken language."),
    a('locale', 'string', "The User's default location for localisation."),
    a('timezone', 'string', "The User's time zone in IANA Time Zone database format."),
    a('active', 'boolean', "The User's administrative status."),
    a('password', 'string', "The User's cleartext password, never returned.", {
      mutability: 'writeOnly',
      returned: 'never',
    }),
    a('emails', 'complex', 'Email addresses for the user.', {
      multiValued: true,
      subAttributes: multiValuedQuartet('email address', ['work', 'home', 'other']),
    }),
    a('phoneNumbers', 'complex', 'Phone numbers for the User.', {
      multiValued: true,
      subAttributes: multiValuedQuartet('phone number', ['work', 'home', 'mobile', 'fax', 'pager', 'other']),
    }),
    a('ims', 'complex', 'Instant messaging addresses for the User.', {
      multiValued: true,
      subAttributes: multiValuedQuartet('instant messaging address', [
        'aim',
        'gtalk',
        'icq',
        'xmpp',
        'msn',
        'skype',
        'qq',
        'yahoo',
      ]),
    }),
    a('photos', 'complex', 'URLs of photos of the User.', {
      multiValued: true,
      subAttributes: multiValuedQuartet('photo', ['photo', 'thumbnail'], 'reference', {
        referenceTypes: ['external'],
      }),
    }),
    a('addresses', 'complex', 'A physical mailing address for this User.', {
      multiValued: true,
      subAttributes: [
        a('formatted', 'string', 'The full mailing address, formatted for display.'),
        a('streetAddress', 'string', 'The full street address component.'),
        a('locality', 'string', 'The city or locality component.'),
        a('region', 'string', 'The state or region component.'),
        a('postalCode', 'string', 'The zip code or postal code component.'),
        a('country', 'string', 'The country name component (ISO 3166-1 alpha-2).'),
        a('type', 'string', "A label indicating the address's function.", {
          canonicalValues: ['work', 'home', 'other'],
        }),
        // §4.1.2 gives addresses a primary flag although the §8.7.1 table omits it.
        a('primary', 'boolean', 'Whether this is the primary address.'),
      ],
    }),
    a('groups', 'complex', 'A list of groups to which the user belongs.', {
      multiValued: true,
      mutability: 'readOnly',
      subAttributes: [
        a('value', 'string', "The identifier of the User's group.", { mutability: 'readOnly' }),
        // Errata 8471: groups.$ref only references Groups.
        a('$ref', 'reference', "The URI of the corresponding 'Group' resource.", {
          mutability: 'readOnly',
          referenceTypes: ['Group'],
        }),
        a('display', 'string', 'A human-readable name for the group.', { mutability: 'readOnly' }),
        a('type', 'string', 'Whether membership is direct or indirect.', {
          mutability: 'readOnly',
          canonicalValues: ['direct', 'indirect'],
        }),
      ],
    }),
    a('entitlements', 'complex', 'A list of entitlements for the User.', {
      multiValued: true,
      subAttributes: multiValuedQuartet('entitlement', []),
    }),
    a('roles', 'complex', 'A list of roles for the User.', {
      multiValued: true,
      subAttributes: multiValuedQuartet('role', []),
    }),
    a('x509Certificates', 'complex', 'A list of certificates issued to the User.', {
      multiValued: true,
      subAttributes: multiValuedQuartet('certificate', [], 'binary'),
    }),
  ],
};
