/** Reading a recording file (the scimulator format, or a HAR 1.2 file converted on the fly). */
import { readFile } from 'node:fs/promises';
import { HarnessError } from '../errors.js';
import { harToRecording, isHar } from './har-import.js';
import { recordingProblems } from './recording-schema.js';
import type { Recording } from './types.js';

/** Parses recording text; `name` names the source in error messages. Throws HARNESS_FIXTURE_INVALID. */
function parseRecording(text: string, name: string): Recording {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new HarnessError(
      'HARNESS_FIXTURE_INVALID',
      `${name}: not JSON (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  if (isHar(data)) return harToRecording(data);
  const problems = recordingProblems(data);
  if (problems.length > 0) {
    throw new HarnessError(
      'HARNESS_FIXTURE_INVALID',
      `${name}: not a scimulator recording or HAR file: ${problems.slice(0, 3).join('; ')}`,
    );
  }
  return data as Recording;
}

/** Reads and validates a recording or HAR file. */
export async function loadRecording(file: string): Promise<Recording> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new HarnessError(
      'HARNESS_FIXTURE_INVALID',
      `cannot read ${file} (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  return parseRecording(text, file);
}
