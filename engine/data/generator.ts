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

/** FNV-1a over a string: cheap, stable, and well spread for nearby inputs. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const ch of text) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A short, stable id derived from the seed (6 base-36 characters). */
export function runIdFor(seed: number): string {
  return fnv1a(String(seed)).toString(36).padStart(6, '0').slice(-6);
}

/** The 6-character tag of a fork key: the names of a scenario's fork carry it after the run prefix. */
export function forkTag(key: string): string {
  return fnv1a(key).toString(36).padStart(7, '0').slice(-6);
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
  /**
   * A generator of its own for `key` (the runner forks one per scenario and profile): its values depend on
   * the seed and the key only, never on what other scenarios drew before, so concurrent runs give the same
   * data; its names carry `forkTag(key)` after the run prefix, so they stay unique within the run.
   */
  fork(key: string): SeededDataGenerator;
}

/** Creates the run's data generator (faker, en locale, seeded). */
export function createDataGenerator(seed: number): SeededDataGenerator {
  const runId = runIdFor(seed);
  return generator(seed, seed, runId, `${DATA_PREFIX}${runId}`, `${DATA_PREFIX}${runId}`);
}

function generator(
  seed: number,
  fakerSeed: number,
  runId: string,
  prefix: string,
  base: string,
): SeededDataGenerator {
  // A fresh instance per generator (seeding one never moves another), with en + base definitions as before.
  const FakerClass = enFaker.constructor as new (options: { locale: Faker['rawDefinitions'] }) => Faker;
  const faker = new FakerClass({ locale: enFaker.rawDefinitions });
  faker.seed(fakerSeed);
  let counter = 0;
  const next = () => ++counter;

  return {
    seed,
    runId,
    prefix,
    fork(key: string): SeededDataGenerator {
      return generator(seed, fnv1a(`${seed}\u0000${key}`), runId, prefix, `${base}-${forkTag(key)}`);
    },
    unique(label?: string): string {
      const n = next();
      return label ? `${base}-${slug(label) || 'x'}-${n}` : `${base}-${n}`;
    },
    user(overrides: Record<string, unknown> = {}): Record<string, unknown> {
      const n = next();
      const givenName = faker.person.firstName();
      const familyName = faker.person.lastName();
      // E-mail shaped, as many servers require of userName, and still starting with the run's prefix.
      const userName = `${base}-${n}-${slug(givenName)}.${slug(familyName)}@example.com`;
      return {
        schemas: [URN.user],
        userName,
        externalId: `${base}-ext-${n}`,
        name: { givenName, familyName, formatted: `${givenName} ${familyName}` },
        displayName: `${base}-${n} ${givenName} ${familyName}`,
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
        displayName: `${base}-${n}-${noun}`,
        externalId: `${base}-gext-${n}`,
        ...overrides,
      };
    },
  };
}
