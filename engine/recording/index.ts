/**
 * Record and replay of real IdP traffic: the recording format and its schema, the recording proxy, HAR
 * import, replay with id rewriting and answer diffs, and profile drafting from a recording.
 * @module
 */
export { RECORDING_FORMAT, RECORDING_VERSION } from './types.js';
export type {
  Recording,
  RecordingExchange,
  RecordingRequest,
  RecordingResponse,
  RecordingSource,
} from './types.js';
export { RECORDING_SCHEMA, recordingProblems, isRecording } from './recording-schema.js';
export { redactExchange, redactQuery, credentialOf } from './redact-exchange.js';
export { RecordingWriter, serialiseRecording, writeFileAtomic } from './recording-writer.js';
export type { NewExchange, RecordingWriterOptions } from './recording-writer.js';
export { startRecordingProxy, flattenHeaders } from './recording-proxy.js';
export type { RecordingProxyOptions, RunningProxy } from './recording-proxy.js';
export { splitTarget } from './target.js';
export { harToRecording, isHar, inferBasePath } from './har-import.js';
export type { HarImportDocument, HarImportEntry } from './har-import.js';
export { loadRecording, parseRecording } from './load-recording.js';
export { IdMap } from './id-map.js';
export { compareResponses, DEFAULT_IGNORE, isIgnored, normaliseUrl } from './diff-responses.js';
export type { Difference, DifferenceKind, CompareOptions, ComparedResponse } from './diff-responses.js';
export { replayRecording } from './replay.js';
export type { ReplayClient, ReplayOptions, ReplayResult, ReplayStep, CleanupEntry } from './replay.js';
export { classifyExchanges } from './classify.js';
export type { ClassifiedExchange } from './classify.js';
export { draftProfile, renderProfileYaml } from './profile-draft.js';
export type { ProfileDraft, DraftOptions } from './profile-draft.js';
export { exchangeFromServed } from './served-exchange.js';
export type { ServedExchangeLike } from './served-exchange.js';
