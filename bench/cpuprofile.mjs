// Summarises a V8 .cpuprofile (`node --cpu-prof`): top functions by self time and by total
// (inclusive) time, or self time by package, as % of the samples in an optional window. Usage:
//   node bench/cpuprofile.mjs <file.cpuprofile> [--from <µs>] [--to <µs>] [--top 25] [--by package]
// --from/--to are CLOCK_MONOTONIC microseconds (`process.hrtime.bigint() / 1000n` in any process on
// the machine, as V8 stamps its samples on Linux), so a load generator can mark one scenario.
// The samples are wall-clock: on a busy machine time spent preempted shows under the native call
// that was running (typically `writev`, which wakes the PostgreSQL backend).
import fs from 'node:fs';

const args = process.argv.slice(2);
const file = args[0];
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const from = Number(opt('from', '-Infinity'));
const to = Number(opt('to', 'Infinity'));
const top = Number(opt('top', '25'));
const by = opt('by', 'function');

const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const shortUrl = (url) => {
  if (!url) return '';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
  if (m) return `${m[1]}/${m[2].split('/').slice(-1)[0]}`;
  const s = /\/(src|dist[^/]*)\/(.*)$/.exec(url);
  if (s) return s[2];
  return url
    .replace(/^node:/, 'node:')
    .split('/')
    .slice(-2)
    .join('/');
};
const packageOf = (cf) => {
  const url = cf.url ?? '';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node (built-in JS)';
  if (/\/dist[^/]*\//.test(url)) return 'cartwheel';
  if (!url) return cf.functionName ? `(native) ${cf.functionName}` : '(native)';
  return url;
};
const keyOf = (node) => {
  const cf = node.callFrame;
  if (by === 'package') return packageOf(cf);
  const name = cf.functionName || '(anonymous)';
  return cf.url ? `${name} ${shortUrl(cf.url)}:${cf.lineNumber + 1}` : name;
};

const self = new Map();
const total = new Map();
let t = profile.startTime;
let n = 0;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i];
  if (t < from || t > to) continue;
  n++;
  let id = profile.samples[i];
  const leaf = keyOf(nodes.get(id));
  self.set(leaf, (self.get(leaf) ?? 0) + 1);
  const seen = new Set();
  while (id !== undefined) {
    const k = keyOf(nodes.get(id));
    if (!seen.has(k)) {
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + 1);
    }
    id = parent.get(id);
  }
}
const pct = (c) => `${((100 * c) / n).toFixed(1).padStart(5)} %`;
const print = (title, map) => {
  console.log(`\n${title}`);
  for (const [k, c] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${pct(c)}  ${k}`);
};
const idle = self.get(by === 'package' ? '(native) (idle)' : '(idle)') ?? 0;
console.log(`${n} samples in the window; (idle) ${pct(idle)}, busy ${pct(n - idle)}`);
print(`self time (by ${by})`, self);
if (by === 'function') print('total time (inclusive)', total);
