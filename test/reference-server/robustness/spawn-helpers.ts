/** Spawning the real executable (`bin/scimulator.js` → dist/) for the crash and shutdown tests. */
import { spawn, type ChildProcess } from 'node:child_process';

/**
 * dist/ is compiled once for the whole run by vitest's global setup (test/support/build-dist.ts), no longer
 * once per test file; kept so the call sites still say what they rely on.
 */
export function ensureBuilt(): Promise<void> {
  return Promise.resolve();
}

export interface Spawned {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
  /** Resolves with the announced SCIM base URL. */
  listening: () => Promise<string>;
}

export function spawnCli(args: string[]): Spawned {
  const child = spawn(process.execPath, ['bin/scimulator.js', ...args], {
    env: { ...process.env, NO_COLOR: '1' },
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = async (): Promise<string> => {
    const until = Date.now() + 15_000;
    for (;;) {
      const match = /listening on (\S+)/.exec(out);
      if (match?.[1]) return match[1];
      if (Date.now() > until || child.exitCode !== null) throw new Error(`server did not start: ${err}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return { child, stdout: () => out, stderr: () => err, exit, listening };
}
