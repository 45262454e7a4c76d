/**
 * `profile-from`: drafts an IdP profile (the format of profiles/*.yaml) from a recording of that IdP's
 * traffic. Every value carries a note saying whether it was observed (with the exchanges it came from) or is
 * a default because the recording does not show it; the YAML renderer turns notes into comments.
 * @module
 */
import { Document, isScalar, isMap, type Pair, type Scalar } from 'yaml';
import type { ProfileData } from '../profile/index.js';
import { draftContext, type NotePath } from './draft-context.js';
import { draftFeatures, draftMethods, draftPhases, draftResponses } from './draft-lifecycle-steps.js';
import { draftGroup, draftHeaders, draftPatch, draftQuery, draftUser } from './draft-request-steps.js';
import type { Recording } from './types.js';

export type { NotePath };

export interface ProfileDraft {
  profile: ProfileData;
  /** Comment per field: how the value was inferred. */
  notes: Array<{ path: NotePath; text: string }>;
  /** Things the recording could not settle, for the command's summary. */
  warnings: string[];
}

export interface DraftOptions {
  /** Profile name (lower-case, dashes). */
  name?: string;
  /** Names the recording in the title and the sources. */
  label?: string;
}

/** Drafts a profile from a recording, one named step per part of the profile, in the profile's order. */
export function draftProfile(recording: Recording, options: DraftOptions = {}): ProfileDraft {
  const ctx = draftContext(recording.exchanges);
  const headers = draftHeaders(ctx);
  const query = draftQuery(ctx);
  const user = draftUser(ctx);
  const group = draftGroup(ctx);
  const patch = draftPatch(ctx);
  const { updateMethod, deprovision, reactivate } = draftMethods(ctx);
  const responses = draftResponses(ctx, updateMethod);
  const features = draftFeatures(ctx);
  const phases = draftPhases(ctx);

  const name = options.name ?? 'drafted';
  const label = options.label ?? 'a recording';
  const profile: ProfileData = {
    name,
    title: `Drafted from ${label}`,
    description: `Drafted by scimulator profile-from from ${recording.exchanges.length} exchanges (${ctx.users.length} on /Users, ${ctx.groups.length} on /Groups). Review every commented value.`,
    sources: {
      REC: `${label} (${recording.source.kind}${recording.source.upstream ? ` of ${recording.source.upstream}` : ''}, ${recording.createdAt})`,
    },
    headers,
    query,
    user,
    group,
    patch,
    updateMethod,
    deprovision,
    reactivate,
    responses,
    features,
    phases,
  };
  return { profile, notes: ctx.notes, warnings: ctx.warnings };
}

/** The draft as YAML, each note a comment on its field. */
export function renderProfileYaml(draft: ProfileDraft, header: string[] = []): string {
  const doc = new Document(draft.profile);
  doc.commentBefore = [
    ...header,
    'Drafted by `scimulator profile-from`. Comments mark how each value was inferred:',
    '"observed in #N" cites recording exchanges; "not in the recording" marks a default to review.',
  ]
    .map((l) => ` ${l}`)
    .join('\n');
  for (const { path, text } of draft.notes) {
    const node = doc.getIn(path, true);
    if (isScalar(node)) {
      (node as Scalar).comment = ` ${text}`;
      continue;
    }
    const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
    if (!isMap(parent)) continue;
    const pair = parent.items.find(
      (p: Pair) => isScalar(p.key) && (p.key as Scalar).value === path[path.length - 1],
    );
    if (pair && isScalar(pair.key)) (pair.key as Scalar).commentBefore = ` ${text}`;
  }
  return doc.toString({ lineWidth: 0 });
}
