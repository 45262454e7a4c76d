/**
 * IdP profiles as data: the shipped YAML files of this folder, user-supplied files, their JSON Schema
 * (profile.schema.json, checked with ajv at load) and the variant merge (`variantOf`).
 * @module
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { didYouMean } from '../engine/config/suggest.js';
import { HarnessError } from '../engine/errors.js';
import type { ProfileInfo } from '../engine/model/index.js';
import type { ProfileData } from '../engine/profile/index.js';
import { SOURCE_FIELDS, activeSteps, parseAttributePath } from '../engine/profile/index.js';
import { isObject } from '../protocol/json.js';

export type { ProfileData } from '../engine/profile/index.js';

const SCHEMA_FILE = 'profile.schema.json';

/** The folder holding the shipped profiles: next to this module in the source tree, `../../profiles` from dist/. */
function profilesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [here, resolve(here, '../../profiles')]) {
    if (existsSync(join(dir, SCHEMA_FILE))) return dir;
  }
  throw new HarnessError('HARNESS_BUG', `cannot find ${SCHEMA_FILE} near ${here}`);
}

/** The profile JSON Schema (draft-07), as shipped in profiles/profile.schema.json. */
export const PROFILE_SCHEMA: Record<string, unknown> = JSON.parse(
  readFileSync(join(profilesDir(), SCHEMA_FILE), 'utf8'),
) as Record<string, unknown>;

/** A profile file that cannot be used; `file` and `pointer` (RFC 6901, into the merged profile) say where. */
export class ProfileFileError extends HarnessError {
  constructor(
    readonly file: string,
    readonly pointer: string,
    detail: string,
  ) {
    super('CONFIG_INVALID', `${file}: ${pointer === '' ? '(root)' : pointer}: ${detail}`);
    this.name = 'ProfileFileError';
  }
}

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(data: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(PROFILE_SCHEMA);
  return validator(data) ? [] : [...(validator.errors ?? [])];
}

function describe(error: ErrorObject): { pointer: string; detail: string } {
  let pointer = error.instancePath;
  let detail = error.message ?? 'is invalid';
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties' && typeof params['additionalProperty'] === 'string') {
    pointer += `/${params['additionalProperty'].replace(/~/g, '~0').replace(/\//g, '~1')}`;
    detail = 'is not a known property';
  } else if (error.keyword === 'required' && typeof params['missingProperty'] === 'string') {
    pointer += `/${params['missingProperty']}`;
    detail = 'is required';
  } else if (error.keyword === 'enum' && Array.isArray(params['allowedValues'])) {
    detail = `must be one of ${params['allowedValues'].map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return { pointer, detail };
}

/** Variant merge: objects key by key, `null` deletes a key, anything else (arrays included) replaces. */
function mergeProfile(base: unknown, override: unknown): unknown {
  if (!isObject(base) || !isObject(override)) return structuredClone(override);
  const out: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete out[key];
    else out[key] = key in out ? mergeProfile(out[key], value) : structuredClone(value);
  }
  return out;
}

/** Parsed profile files by path, reused while the file's text is unchanged (start-up parses each file many times). */
const parsedFiles = new Map<string, { text: string; doc: Record<string, unknown> }>();

function parseFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ProfileFileError(
      file,
      '',
      `cannot read the file (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  const cached = parsedFiles.get(file);
  if (cached?.text === text) return structuredClone(cached.doc);
  let doc: unknown;
  try {
    doc = extname(file).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new ProfileFileError(
      file,
      '',
      `not valid ${extname(file) === '.json' ? 'JSON' : 'YAML'}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  if (!isObject(doc)) throw new ProfileFileError(file, '', 'a profile must be an object');
  parsedFiles.set(file, { text, doc: structuredClone(doc) });
  return doc;
}

/** Checks the schema cannot express: mapping keys are attribute paths, the matching attribute is mapped, … */
function semanticProblems(profile: ProfileData): Array<{ pointer: string; detail: string }> {
  const problems: Array<{ pointer: string; detail: string }> = [];
  for (const path of Object.keys(profile.user.mapping)) {
    try {
      parseAttributePath(path);
    } catch {
      problems.push({
        pointer: `/user/mapping/${path.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        detail: 'is not a supported SCIM attribute path',
      });
    }
  }
  if (!(profile.user.matching in profile.user.mapping)) {
    problems.push({
      pointer: '/user/matching',
      detail: `names "${profile.user.matching}", which the mapping does not fill`,
    });
  }
  const fields = new Set<string>(SOURCE_FIELDS);
  profile.user.updateFields.forEach((field, i) => {
    if (!fields.has(field))
      problems.push({
        pointer: `/user/updateFields/${i}`,
        detail: `"${field}" is not a source field (${SOURCE_FIELDS.join(', ')})`,
      });
  });
  profile.phases.forEach((phase, p) =>
    phase.steps.forEach((step, s) => {
      const pointer = `/phases/${p}/steps/${s}/action`;
      if (
        (step.action === 'deactivate-user' || step.action === 'find-disabled-user') &&
        profile.deprovision === 'delete'
      ) {
        problems.push({
          pointer,
          detail: `${step.action} needs deprovision patch-active or put-active, not delete`,
        });
      }
      if (step.action === 'reactivate-user' && profile.reactivate === 'none') {
        problems.push({
          pointer,
          detail: 'reactivate-user needs reactivate patch-active or put-active, not none',
        });
      }
    }),
  );
  return problems;
}

/**
 * A YAML profile's top-level `name: plain-scalar` line, read without parsing the document: listing the
 * shipped names is on every CLI start-up path, and a full YAML parse of every file costs tens of ms there.
 * Anything less plain (quotes, JSON, no such line) returns undefined and the caller parses the file.
 */
function plainYamlName(file: string): string | undefined {
  if (!/\.ya?ml$/i.test(file)) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const names = [...text.matchAll(/^name:[ \t]*([A-Za-z0-9][\w.-]*)[ \t]*(?:#.*)?$/gm)];
  return names.length === 1 ? names[0]?.[1] : undefined;
}

/** Name → file of every shipped profile. */
function shippedFiles(): Map<string, string> {
  const dir = profilesDir();
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir).sort()) {
    if (!/\.(ya?ml|json)$/i.test(entry) || entry === SCHEMA_FILE) continue;
    const file = join(dir, entry);
    const name = plainYamlName(file) ?? parseFile(file)['name'];
    files.set(typeof name === 'string' ? name : basename(entry, extname(entry)), file);
  }
  return files;
}

function resolveFile(file: string, stack: readonly string[]): ProfileData {
  const raw = parseFile(file);
  let merged: unknown = raw;
  const base = raw['variantOf'];
  if (base !== undefined) {
    if (typeof base !== 'string') throw new ProfileFileError(file, '/variantOf', 'must be a profile name');
    const baseFile = shippedFiles().get(base);
    if (!baseFile)
      throw new ProfileFileError(
        file,
        '/variantOf',
        `names an unknown profile "${base}" (shipped: ${[...shippedFiles().keys()].join(', ')})`,
      );
    if (stack.includes(baseFile))
      throw new ProfileFileError(file, '/variantOf', `variant cycle through "${base}"`);
    const baseData = resolveFile(baseFile, [...stack, file]);
    const { variantOf: _variant, description: _description, ...inheritable } = baseData;
    merged = mergeProfile(inheritable, raw);
  }
  const errors = validate(merged);
  const first = errors[0];
  if (first) {
    const { pointer, detail } = describe(first);
    throw new ProfileFileError(file, pointer, detail);
  }
  const profile = merged as ProfileData;
  const problem = semanticProblems(profile)[0];
  if (problem) throw new ProfileFileError(file, problem.pointer, problem.detail);
  return profile;
}

/** Loads one profile file (YAML or JSON), resolving `variantOf` against the shipped profiles, and validates it. */
export function loadProfileFile(path: string): ProfileData {
  return resolveFile(resolve(path), []);
}

/** Every shipped profile, variants resolved, sorted by name. */
export function loadProfiles(): ProfileData[] {
  return [...shippedFiles().values()]
    .map((file) => loadProfileFile(file))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The profiles a run judges when none is named: the RFC view and the three IdPs most users come to ask about
 * (docs/verdicts.md); `--profile rfc` judges the RFC alone.
 */
export const DEFAULT_PROFILES: readonly string[] = ['rfc', 'entra-id', 'okta', 'onelogin'];

/** The names of the shipped profiles. */
export function shippedProfileNames(): string[] {
  return [...shippedFiles().keys()].sort();
}

/** How many lifecycle steps of a profile are documented, observed or inferred. */
interface EvidenceCounts {
  documented: number;
  observed: number;
  inferred: number;
}

/** One row of `scimulator list profiles`. */
interface ProfileListing {
  name: string;
  title: string;
  variantOf?: string;
  /** The profile's own `confidence`, when it states one. */
  confidence?: ProfileData['confidence'];
  evidence: EvidenceCounts;
}

/** Evidence counts over the steps the profile's switches leave on. */
function evidenceCounts(profile: ProfileData): EvidenceCounts {
  const counts: EvidenceCounts = { documented: 0, observed: 0, inferred: 0 };
  for (const step of activeSteps(profile)) {
    if (step.evidence === 'D') counts.documented += 1;
    else if (step.evidence === 'O') counts.observed += 1;
    else counts.inferred += 1;
  }
  return counts;
}

/** The evidence column of `scimulator list profiles`, e.g. "thin evidence: 3 documented, 1 observed, 9 inferred". */
export function describeEvidence(row: Pick<ProfileListing, 'confidence' | 'evidence'>): string {
  const { documented, observed, inferred } = row.evidence;
  const counts = `${documented} documented, ${observed} observed, ${inferred} inferred`;
  return row.confidence ? `${row.confidence} evidence: ${counts}` : counts;
}

/** Rows for `scimulator list profiles`: each base profile followed by its variants. */
export function describeProfiles(profiles: readonly ProfileData[] = loadProfiles()): ProfileListing[] {
  const rows: ProfileListing[] = profiles.map((p) => ({
    name: p.name,
    title: p.title,
    ...(p.variantOf ? { variantOf: p.variantOf } : {}),
    ...(p.confidence ? { confidence: p.confidence } : {}),
    evidence: evidenceCounts(p),
  }));
  const rootOf = (row: ProfileListing): string => {
    let current = row;
    const seen = new Set<string>();
    while (current.variantOf && !seen.has(current.name)) {
      seen.add(current.name);
      const parent = rows.find((r) => r.name === current.variantOf);
      if (!parent) break;
      current = parent;
    }
    return current.name;
  };
  return rows.sort(
    (a, b) =>
      rootOf(a).localeCompare(rootOf(b)) ||
      (a.variantOf ? 1 : 0) - (b.variantOf ? 1 : 0) ||
      a.name.localeCompare(b.name),
  );
}

/**
 * The profile for `--profile NAME|FILE`: a shipped name, or a path to a YAML/JSON file.
 * Unknown names are a usage error listing the shipped ones.
 */
export function resolveProfile(nameOrFile: string): ProfileData {
  if (/[\\/]|\.(ya?ml|json)$/i.test(nameOrFile)) return loadProfileFile(nameOrFile);
  const file = shippedFiles().get(nameOrFile);
  if (!file)
    throw new HarnessError(
      'USAGE',
      `unknown profile "${nameOrFile}"${didYouMean(nameOrFile, shippedProfileNames())} (see \`scimulator list profiles\`: ${shippedProfileNames().join(', ')})`,
    );
  return loadProfileFile(file);
}

/** A loaded profile as the runner takes it. */
export function toProfileInfo(profile: ProfileData): ProfileInfo {
  return { name: profile.name, data: profile as unknown as Record<string, unknown> };
}
