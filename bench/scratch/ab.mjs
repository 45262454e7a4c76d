import { startChild } from '../lib/children.mjs';
import { fire } from '../lib/cannon.mjs';
const path = process.argv[2] ?? '/Users/00000000-0000-4000-8000-000000000001';
const method = process.argv[3] ?? 'GET';
const body = process.argv[4];
const bare = await startChild('bare', 0);
const rfc = await startChild('rfc', 1000);
const h = { authorization: 'Bearer bench-token' };
async function one(server) {
  const s0 = await server.stats();
  const r = await fire({ url: server.url + path, method, body, headers: h, duration: Number(process.env.D ?? 3) });
  const s1 = await server.stats();
  return { ...r, cpuPerReq: (s1.cpuMicros - s0.cpuMicros) / (s1.requests - s0.requests) };
}
for (let i = 0; i < 2; i++) {
  const a = await one(bare);
  const b = await one(rfc);
  console.log('bare', a.requestsPerSec, a.cpuPerReq.toFixed(1) + 'us', 'rfc', b.requestsPerSec, b.cpuPerReq.toFixed(1) + 'us', (b.requestsPerSec / a.requestsPerSec).toFixed(2), 'cpu ratio', (a.cpuPerReq / b.cpuPerReq).toFixed(2), b.latencyMs.p99, b.non2xx);
}
await bare.stop(); await rfc.stop();
