#!/usr/bin/env node
// Executable entry: the compiled composition root does the work.
import { main } from '../dist/cli/index.js';

const code = await main(process.argv.slice(2));
if (typeof code === 'number') process.exitCode = code;
