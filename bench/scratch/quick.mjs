import { fork } from 'node:child_process';
import autocannon from 'autocannon';
const which = process.argv[2], path = process.argv[3] ?? '/Users/00000000-0000-4000-8000-000000000001';
const child = fork(new URL('../lib/server-child.mjs', import.meta.url).pathname, [which, '1000']);
const ready = await new Promise((r) => child.on('message', (m) => m.type === 'ready' && r(m)));
console.log(ready.startupMs);
const r = await autocannon({ url: ready.url + path, connections: 10, duration: 3, headers: { authorization: 'Bearer bench-token' } });
console.log(which, r.requests.average, r.latency.p99, r.non2xx, r.errors);
child.kill();
