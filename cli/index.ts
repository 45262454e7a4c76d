/**
 * Command-line composition root: wires engine, suites, profiles and the reference server.
 * `main` returns the exit code; it calls `process.exit` only after Ctrl-C/SIGTERM (130/143).
 * @module
 */
import { Command, CommanderError } from 'commander';
import { isHarnessError } from '../engine/errors.js';
import { toolVersion } from '../engine/version.js';
import { registerCleanup } from './commands/cleanup.js';
import { registerInit } from './commands/init.js';
import { registerJudge } from './commands/judge.js';
import { registerList } from './commands/list.js';
import { registerLoad } from './commands/load.js';
import { registerProfileFrom } from './commands/profile-from.js';
import { registerRecord } from './commands/record.js';
import { registerReplay } from './commands/replay.js';
import { registerRun } from './commands/run.js';
import { registerServe } from './commands/serve.js';
import { examples, EXIT, write, type CliIo } from './io.js';

/** Each command registers itself; a new command is one file in commands/ and one line here. */
const COMMANDS = [
  registerServe,
  registerRun,
  registerCleanup,
  registerList,
  registerInit,
  registerRecord,
  registerReplay,
  registerProfileFrom,
  registerLoad,
  registerJudge,
];

function buildProgram(io: CliIo, setCode: (code: number) => void): Command {
  const program = new Command('scimulator');
  program
    .description('SCIM 2.0 conformance and identity-provider simulation harness')
    .version(toolVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .option('--debug', 'print the stack trace of an internal error (or set SCIMULATOR_DEBUG=1)')
    .showSuggestionAfterError()
    .helpCommand(false)
    .addHelpText(
      'after',
      examples(
        'scimulator run                     # check the embedded reference server: a first look',
        'scimulator run --target https://scim.example.com/scim/v2 --profile entra-id --report console,html',
        'scimulator serve --flavor rfc --port 8080',
        'scimulator run --help              # every option of one command, with its default',
      ),
    );

  for (const register of COMMANDS) register(program, io, setCode);

  return program;
}

/** The stack of an error and of its causes, for --debug. */
function stackOf(err: unknown): string {
  const lines: string[] = [];
  for (let e: unknown = err, depth = 0; e !== undefined && depth < 5; depth++) {
    lines.push(e instanceof Error ? (e.stack ?? e.message) : String(e));
    e = e instanceof Error ? e.cause : undefined;
    if (e !== undefined) lines.push('caused by:');
  }
  return lines.join('\n');
}

/** Runs the command line; resolves to the process exit code. */
export async function main(
  argv: string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env },
): Promise<number> {
  let code: number = EXIT.OK;
  const program = buildProgram(io, (c) => (code = c));
  if (argv.length === 0) {
    io.stderr.write(program.helpInformation());
    return EXIT.USAGE;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.OK;
      return EXIT.USAGE;
    }
    // A stack trace helps us, not a user who mistyped a flag: only with --debug.
    const debug = argv.includes('--debug') || io.env.SCIMULATOR_DEBUG === '1';
    if (isHarnessError(err)) {
      write(io.stderr, `scimulator: ${err.message} [${err.code}]`);
      if (debug) write(io.stderr, stackOf(err));
      return EXIT.USAGE;
    }
    const message = err instanceof Error ? err.message : String(err);
    write(
      io.stderr,
      debug
        ? `scimulator: internal error [HARNESS_BUG]: ${stackOf(err)}`
        : `scimulator: internal error [HARNESS_BUG]: ${message} (run again with --debug for the stack trace, and please report it)`,
    );
    return EXIT.USAGE;
  }
}
