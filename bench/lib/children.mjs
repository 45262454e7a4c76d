/** Forks and talks to bench/lib/server-child.mjs. */
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const CHILD = new URL('./server-child.mjs', import.meta.url);

/** Starts a server child and resolves once it listens; `spawnMs` includes process start-up and module loading. */
export async function startChild(kind, seedUsers = 0, execArgv = []) {
  const t0 = performance.now();
  const child = fork(CHILD, [kind, String(seedUsers)], {
    execArgv: ['--expose-gc', ...execArgv],
    stdio: 'inherit',
  });
  const listeners = new Set();
  child.on('message', (msg) => {
    for (const listener of listeners) listener(msg);
  });
  const next = (type) =>
    new Promise((resolve, reject) => {
      const onMessage = (msg) => {
        if (msg?.type !== type) return;
        listeners.delete(onMessage);
        child.off('exit', onExit);
        resolve(msg);
      };
      const onExit = (code) =>
        reject(new Error(`${kind} server exited with ${code} while waiting for ${type}`));
      listeners.add(onMessage);
      child.once('exit', onExit);
    });
  const ready = await next('ready');
  return {
    kind,
    url: ready.url,
    token: ready.token,
    startupMs: ready.startupMs,
    spawnMs: performance.now() - t0,
    /** Resolves with the wall-clock time (epoch ms) of the next first request after a reset. */
    firstRequest: () => next('first-request'),
    async reset() {
      const done = next('reset');
      child.send({ type: 'reset' });
      await done;
    },
    async stats(gc = false) {
      const reply = next('stats');
      child.send({ type: 'stats', gc });
      return reply;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
