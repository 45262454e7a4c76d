#!/usr/bin/env node
// Executable entry: the compiled composition root does the work.

// Loading the CLI takes a moment (seconds on a busy machine); Ctrl-C then would end it without a word.
// The listener stays (removing and re-adding signal listeners races in libuv); once loaded, the commands
// install their own, and alone it ends the process as the default action would.
let loading = true;
const onSignal = (signal) => {
  const code = signal === 'SIGINT' ? 130 : 143;
  if (loading) {
    process.stderr.write(
      `scimulator: interrupted (${signal}) before the first check: nothing was created on the target and no report was written\n`,
    );
    process.exit(code);
  }
  if (process.listenerCount(signal) === 1) process.exit(code);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
if (process.env.SCIMULATOR_DEBUG === '1') process.stderr.write('scimulator: loading (debug)\n');
const { main } = await import('../dist/cli/index.js');
loading = false;

const code = await main(process.argv.slice(2));
if (typeof code === 'number') process.exitCode = code;
