// Summarises a .cpuprofile: self time and inclusive time per function.
import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = new Map();
for (let i = 0; i < p.samples.length; i++) dt.set(p.samples[i], (dt.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const key = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`;
const incl = new Map();
let total = 0;
for (const [id, t] of dt) {
  total += t;
  const n = byId.get(id);
  self.set(key(n), (self.get(key(n)) ?? 0) + t);
  const seen = new Set();
  let cur = id;
  while (cur !== undefined) {
    const k = key(byId.get(cur));
    if (!seen.has(k)) { incl.set(k, (incl.get(k) ?? 0) + t); seen.add(k); }
    cur = parent.get(cur);
  }
}
const show = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).forEach(([k, t]) => console.log((100 * t / total).toFixed(1).padStart(5), k));
console.log('--- self'); show(self, Number(process.argv[3] ?? 30));
console.log('--- inclusive'); show(incl, Number(process.argv[4] ?? 40));
