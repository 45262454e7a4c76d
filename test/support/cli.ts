/** Runs the CLI in process with captured output: the one way tests call `main` without spawning Node. */
import { main } from '../../cli/index.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall time of the command, for tests that bound it. */
  ms: number;
}

export async function cli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const started = Date.now();
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env,
  });
  return { code, stdout, stderr, ms: Date.now() - started };
}
