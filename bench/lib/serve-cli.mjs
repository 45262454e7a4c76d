/**
 * `scimulator serve` started the way users start it: `node bin/scimulator.js serve [args]` in its own
 * process, its stdout and stderr read (and discarded) by this process as a terminal or a CI log would.
 * Only `--port 0` is added, so that several benches on one machine never collide on 8080.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** user+system CPU of a process in µs, from /proc (Linux); undefined elsewhere. */
export function cpuMicrosOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
    return (ticks / 100) * 1e6; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/**
 * Spawns `serve`; resolves once it printed `listening on <URL>`, with the URL, the token its banner
 * printed (gitlab flavour: `group <path> token <token>`; rfc flavour: `bearer token: <token>`), and how many
 * stderr lines (the request log) it wrote so far.
 */
export async function startServe(bin, args = [], { cwd, execArgv = [] } = {}) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...execArgv, bin, 'serve', '--port', '0', ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderrLines = 0;
  let stderrTail = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) stderrLines++;
    stderrTail = (stderrTail + chunk).slice(-2000);
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      stdout += chunk;
      const m = /^listening on (\S+)$/m.exec(stdout);
      if (m) {
        child.stdout.off('data', onData);
        child.stdout.resume(); // keep draining whatever follows
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    exited.then(({ code }) =>
      reject(new Error(`serve exited with ${code} before listening: ${stderrTail.trim()}`)),
    );
  });
  const token = /\btoken:? (\S+)$/m.exec(stdout)?.[1];
  return {
    url,
    token,
    banner: stdout,
    pid: child.pid,
    spawnToListeningMs: performance.now() - t0,
    stderrLines: () => stderrLines,
    cpuMicros: () => cpuMicrosOf(child.pid),
    /** SIGTERM, as Ctrl-C or a supervisor would; resolves with the exit code and the log's line count. */
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      const result = await exited;
      clearTimeout(timer);
      // 'exit' can come before the pipes are drained; wait for both to end.
      await Promise.all(
        [child.stdout, child.stderr].map((s) =>
          s.readableEnded ? undefined : new Promise((r) => s.once('close', r)),
        ),
      );
      return { ...result, stderrLines, stderrTail };
    },
  };
}
