/**
 * `scimulator replay FILE [--target URL] [--token T]`: sends a recording's requests in order to a target,
 * rewriting the ids it assigns, and reports where its answers differ from the recorded ones.
 * Exit 0 without differences, 1 with, 2 on bad input or an unreachable target.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Command } from 'commander';
import { splitList } from '../../engine/config/index.js';
import { HarnessError } from '../../engine/errors.js';
import {
  loadRecording,
  replayRecording,
  writeFileAtomic,
  type Difference,
  type ReplayResult,
  type ReplayStep,
} from '../../engine/recording/index.js';
import { HttpTransport } from '../../engine/transport/index.js';
import { toolVersion } from '../../engine/version.js';
import { startServer } from '../../reference-server/index.js';
import { collect, examples, EXIT, write, type CliIo } from '../io.js';

const REPLAY_REPORT_FILE = 'scimulator-replay.json';
const REPORTERS = ['console', 'json'] as const;

interface ReplayFlags {
  target?: string;
  token?: string;
  report: string;
  out: string;
  ignore?: string[];
  defaultIgnores: boolean;
  cleanup: boolean;
}

function show(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** One difference as a console line: where, what kind, recorded vs actual. */
function differenceLine(d: Difference): string {
  switch (d.kind) {
    case 'missing':
      return `${d.field}: missing (recorded ${show(d.recorded)})`;
    case 'extra':
      return `${d.field}: unexpected (actual ${show(d.actual)})`;
    case 'type':
      return `${d.field}: type changed, recorded ${show(d.recorded)}, actual ${show(d.actual)}`;
    default:
      return `${d.field}: recorded ${show(d.recorded)}, actual ${show(d.actual)}`;
  }
}

function stepLine(step: ReplayStep): string {
  const mark = step.differences.length === 0 ? 'ok  ' : 'DIFF';
  const status = step.actualStatus === undefined ? 'no response' : String(step.actualStatus);
  return `${mark} #${step.seq} ${step.method} ${step.path} → ${status} (recorded ${step.recordedStatus})`;
}

function summary(result: ReplayResult): string {
  const n = result.steps.length;
  return result.differing === 0
    ? `replay: ${n} steps, no differences`
    : `replay: ${n} steps, ${result.differing} with differences`;
}

async function replayCommand(file: string, flags: ReplayFlags, io: CliIo): Promise<number> {
  const reporters = splitList(flags.report);
  const unknown = reporters.filter((r) => !(REPORTERS as readonly string[]).includes(r));
  if (unknown.length > 0) {
    throw new HarnessError(
      'USAGE',
      `unknown --report ${unknown.join(', ')} (known: ${REPORTERS.join(', ')})`,
    );
  }
  const recording = await loadRecording(file);
  let target = flags.target ?? io.env.SCIM_BASE_URL;
  let token = flags.token ?? io.env.SCIM_TOKEN;
  let embedded: Awaited<ReturnType<typeof startServer>> | undefined;
  if (target === undefined) {
    // Zero configuration, like `run`: a fresh rfc reference server on an ephemeral loopback port.
    token ??= randomBytes(16).toString('hex');
    embedded = await startServer({ flavor: 'rfc', port: 0, token });
    target = embedded.url;
  } else {
    try {
      new URL(target);
    } catch {
      throw new HarnessError('USAGE', `--target must be an absolute URL, got "${target}"`);
    }
  }
  const transport = new HttpTransport({
    baseUrl: target,
    ...(token ? { token } : {}),
    userAgent: 'scimulator-replay',
  });
  const toConsole = reporters.includes('console');
  let result: ReplayResult;
  try {
    if (toConsole)
      write(io.stdout, `replaying ${recording.exchanges.length} exchanges of ${file} against ${target}`);
    result = await replayRecording(recording, {
      client: transport,
      ...(flags.ignore ? { ignore: flags.ignore.flatMap(splitList) } : {}),
      noDefaultIgnores: !flags.defaultIgnores,
      cleanup: flags.cleanup,
      onStep: (step) => {
        if (!toConsole) return;
        write(io.stdout, stepLine(step));
        for (const d of step.differences) write(io.stdout, `       ${differenceLine(d)}`);
      },
    });
  } finally {
    await transport.close();
    await embedded?.close();
  }
  if (toConsole) {
    for (const c of result.cleanup) {
      write(io.stdout, `cleanup DELETE ${c.path} → ${c.status ?? c.error ?? 'no response'}`);
    }
    write(io.stdout, summary(result));
  }
  if (reporters.includes('json')) {
    const path = join(flags.out, REPLAY_REPORT_FILE);
    const report = { tool: { name: 'scimulator', version: toolVersion() }, recording: file, ...result };
    await writeFileAtomic(path, `${JSON.stringify(report, null, 2)}\n`);
    write(io.stderr, `replay report written to ${path}`);
  }
  return result.differing === 0 ? EXIT.OK : EXIT.CHECKS_FAILED;
}

export function registerReplay(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('replay')
    .description('replay a recording (or HAR file) against a target and report differing answers')
    .argument('<file>', 'recording or HAR 1.2 file')
    .option('--target <url>', 'SCIM base URL (default: $SCIM_BASE_URL, else a fresh embedded rfc server)')
    .option('--token <token>', 'bearer token (default: $SCIM_TOKEN)')
    .option('--report <list>', `reporters: ${REPORTERS.join(',')}`, 'console')
    .option('--out <dir>', 'folder of the json report', 'reports')
    .option(
      '--ignore <pattern>',
      'also ignore a field, e.g. meta.location or /Resources/0/name (repeatable)',
      collect,
    )
    .option('--no-default-ignores', 'compare ids, timestamps, versions and ETags too')
    .option('--no-cleanup', 'keep what the replay created')
    .addHelpText(
      'after',
      examples(
        'scimulator replay recording.json                  # against a fresh embedded reference server',
        'scimulator replay recording.json --target http://localhost:8080/scim/v2 --ignore meta.location',
      ),
    )
    .action(async (file: string, flags: ReplayFlags) => setCode(await replayCommand(file, flags, io)));
}
