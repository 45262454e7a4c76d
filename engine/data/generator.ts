/**
 * Seeded test data: the same seed yields the same identities and therefore the same requests.
 * Every identity carries `scimtest-<runId>` so a run's data is recognisable (and never confused
 * with real accounts) in the target's directory.
 * @module
 */
import type { Faker } from '@faker-js/faker';
// The `en` entry point only: the package root evaluates every locale, a third of the CLI's start-up.
import { faker as enFaker } from '@faker-js/faker/locale/en';
import type { DataGenerator } from '../model/index.js';
import { URN } from '../../protocol/urns.js';

export const DATA_PREFIX = 'scimtest-';

/** A short, stable id derived from the seed (6 base-36 characters). */
export function runIdFor(seed: number): string {
  // FNV-1a over the seed's decimal digits: cheap, stable, and well spread for nearby seeds.
  let hash = 0x811c9dc5;
  for (const ch of String(seed)) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(6, '0').slice(-6);
}

/** A random seed for runs that did not ask for one (reported, so the run can be repeated). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '')
    .toLowerCase();
}

export interface SeededDataGenerator extends DataGenerator {
  readonly seed: number;
  readonly runId: string;
  /** `scimtest-<runId>`: every generated identity starts with it. */
  readonly prefix: string;
}

/** Creates the run's data generator (faker, en locale, seeded). */
export function createDataGenerator(seed: number): SeededDataGenerator {
  // A fresh instance per generator (seeding one never moves another), with en + base definitions as before.
  const FakerClass = enFaker.constructor as new (options: { locale: Faker['rawDefinitions'] }) => Faker;
  const faker = new FakerClass({ locale: enFaker.rawDefinitions });
  faker.seed(seed);
  const runId = runIdFor(seed);
  const prefix = `${DATA_PREFIX}${runId}`;
  let counter = 0;
  const next = () => ++counter;

  return {
    seed,
    runId,
    prefix,
    unique(label?: string): string {
      const n = next();
      return label ? `${prefix}-${slug(label) || 'x'}-${n}` : `${prefix}-${n}`;
    },
    user(overrides: Record<string, unknown> = {}): Record<string, unknown> {
      const n = next();
      const givenName = faker.person.firstName();
      const familyName = faker.person.lastName();
      // E-mail shaped, as many servers require of userName, and still starting with the run's prefix.
      const userName = `${prefix}-${n}-${slug(givenName)}.${slug(familyName)}@example.com`;
      return {
        schemas: [URN.user],
        userName,
        externalId: `${prefix}-ext-${n}`,
        name: { givenName, familyName, formatted: `${givenName} ${familyName}` },
        displayName: `${prefix}-${n} ${givenName} ${familyName}`,
        emails: [{ value: userName, type: 'work', primary: true }],
        active: true,
        ...overrides,
      };
    },
    group(overrides: Record<string, unknown> = {}): Record<string, unknown> {
      const n = next();
      const noun = slug(faker.word.noun()) || 'team';
      return {
        schemas: [URN.group],
        displayName: `${prefix}-${n}-${noun}`,
        externalId: `${prefix}-gext-${n}`,
        ...overrides,
      };
    },
  };
}
