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
import { registerList } from './commands/list.js';
import { registerLoad } from './commands/load.js';
import { registerProfileFrom } from './commands/profile-from.js';
import { registerRecord } from './commands/record.js';
import { registerReplay } from './commands/replay.js';
import { registerRun } from './commands/run.js';
import { registerServe } from './commands/serve.js';
import { EXIT, write, type CliIo } from './io.js';

export { EXIT } from './io.js';
export type { CliIo } from './io.js';

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
    .showSuggestionAfterError()
    .helpCommand(false);

  for (const register of COMMANDS) register(program, io, setCode);

  return program;
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
    if (isHarnessError(err)) {
      write(io.stderr, `scimulator: ${err.message} [${err.code}]`);
      return EXIT.USAGE;
    }
    write(
      io.stderr,
      `scimulator: internal error [HARNESS_BUG]: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    return EXIT.USAGE;
  }
}
