// The benchmark suite (`npm run bench`, issue 8 / OPS-9): one built server on a fresh embedded
// PostgreSQL with the demo catalog scaled to --products, then in one invocation the read scenarios
// beside the ceiling (cache on; the cache-off variant on a restart), live tracking, and the write
// scenarios with their correctness counts; one table, and bench/results/latest.json with the machine.
// Exits 1 when a correctness count is off (orders, stock, missed events), never for a missed target.
// Usage: npm run bench [-- --connections 50 --duration 10 --warmup 2 --products 100000 --buyers 1000
//   --units 100 --orders 50 --streams 10 --only reads,writes,tracking]
import { auth, catalog, catalogPaths, ceiling, floor } from './scenarios/reads.mjs';
import { commerce } from './scenarios/commerce.mjs';
import { tracking } from './scenarios/tracking.mjs';
import {
  formatTable,
  freshDataDir,
  loadAverage,
  machine,
  parseArgs,
  removeDataDir,
  seedCatalog,
  startServer,
  writeResults,
} from './support.mjs';

const args = parseArgs({
  connections: 50,
  duration: 10,
  warmup: 2,
  products: 100_000,
  buyers: 1000,
  units: 100,
  orders: 50,
  streams: 10,
  only: 'reads,writes,tracking',
});
const only = new Set(args.only.split(','));
const load = { connections: args.connections, duration: args.duration, warmup: args.warmup };
const say = (msg) => console.log(`[bench] ${msg}`);
const startedAt = new Date().toISOString();
const loadBefore = loadAverage();
const dataDir = freshDataDir('suite');
const rows = { reads: [], uncached: [], auth: [], writes: [], tracking: [] };
const ctx = {};
const facts = {};
let host;
let checks;
let live;
try {
  say(`seeding ${args.products.toLocaleString('en-US')} products`);
  facts.seedMs = await seedCatalog(dataDir, args.products);
  let server = await startServer({ dataDir });
  facts.readyMs = server.readyMs;
  let paths;
  try {
    host = await machine(server);
    // Idle: after start-up work (cache warm-up, first jobs) has settled.
    await new Promise((r) => setTimeout(r, 5000));
    facts.idleRssMb = server.rssMb();
    if (only.has('reads')) {
      say('ceiling, floor and catalog reads (cache on)');
      const top = await ceiling(server, load);
      ctx.ceilingRps = top.rps;
      rows.reads.push(top, await floor(server, load, ctx));
      paths = await catalogPaths(server);
      rows.reads.push(...(await catalog(server, load, ctx, paths, true)));
      rows.auth.push(...(await auth(server, load)));
    }
    // Before the writes: their orders leave jobs running that read the delivery tables too, and
    // this scenario counts those reads per change.
    if (only.has('tracking')) {
      say('live tracking');
      live = await tracking(server, {
        orders: args.orders,
        streams: args.streams,
        rounds: 1,
        timeout: 10_000,
      });
      if (live.missed || live.closedEarly) process.exitCode = 1;
      rows.tracking.push({
        scenario: `live tracking: change → SSE event on ${live.streams} streams (changes/s, one at a time)`,
        rps: Math.round(live.changes / live.advanceS),
        p50: live.event.p50,
        p99: live.event.p99,
        errors: live.missed + live.closedEarly,
        correctness:
          `${(live.expected - live.missed).toLocaleString('en-US')} / ${live.expected.toLocaleString('en-US')} events; ` +
          `${live.scansPerChange.delivery_events.toFixed(1)} delivery_events scans per change`,
      });
    }
    if (only.has('writes')) {
      say('add to cart, checkout, flash sale');
      const c = await commerce(server, { ...load, buyers: args.buyers, units: args.units });
      rows.writes.push(...c.rows);
      checks = c.checks;
      if (!c.correct) process.exitCode = 1;
    }
    facts.loadedRssMb = server.rssMb();
  } finally {
    await server.stop();
  }
  if (only.has('reads')) {
    say('catalog reads (cache off)');
    server = await startServer({ dataDir, env: { CACHE: 'off' } });
    try {
      rows.uncached.push(...(await catalog(server, load, ctx, paths, false)));
    } finally {
      await server.stop();
    }
  }
} finally {
  removeDataDir(dataDir);
}
// A first start on an empty data dir: PostgreSQL init, migrations, demo accounts and catalog.
const emptyDir = freshDataDir('first-start');
try {
  const fresh = await startServer({ dataDir: emptyDir });
  facts.firstStartMs = fresh.readyMs;
  await fresh.stop();
} finally {
  removeDataDir(emptyDir);
}
const loadAfter = loadAverage();

const table = [...rows.reads, ...rows.uncached, ...rows.auth, ...rows.writes, ...rows.tracking];
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
const measures = [
  {
    measure: `seed ${args.products.toLocaleString('en-US')} products (incl. PostgreSQL init)`,
    value: s(facts.seedMs),
  },
  { measure: 'first start on an empty data dir (init, migrate, demo catalog)', value: s(facts.firstStartMs) },
  {
    measure: `start → ready with ${args.products.toLocaleString('en-US')} products`,
    value: s(facts.readyMs),
    target: '< 5 s',
    met: facts.readyMs < 5000 ? 'yes' : 'no',
  },
  {
    measure: 'idle RSS of the server (API + worker)',
    value: `${facts.idleRssMb} MB`,
    target: '< 200 MB',
    met: facts.idleRssMb < 200 ? 'yes' : 'no',
  },
  { measure: 'RSS after the load runs', value: `${facts.loadedRssMb} MB` },
];

console.log(`\nCartwheel benchmark suite — ${startedAt}`);
console.log(
  `${host.cores} × ${host.cpu}, ${host.memoryGb} GiB, Node ${host.node}, PostgreSQL ${host.postgres} (embedded)`,
);
console.log(
  `${args.products.toLocaleString('en-US')} products; ${args.connections} connections; ${args.warmup} s warm-up, ` +
    `then ${args.duration} s measured per scenario`,
);
console.log(`load average (1/5/15 min) before: ${loadBefore.join(' / ')}; after: ${loadAfter.join(' / ')}\n`);
console.log(formatTable(table));
console.log('');
console.log(
  formatTable(measures, [
    ['measure', 'measure', 'left'],
    ['value', 'value', 'right'],
    ['target', 'target', 'left'],
    ['met', 'met', 'left'],
  ]),
);
const file = writeResults('latest', {
  startedAt,
  finishedAt: new Date().toISOString(),
  args,
  machine: host,
  loadAverage: { before: loadBefore, after: loadAfter },
  facts,
  rows: table,
  checks,
  tracking: live,
});
console.log(`\nresults: ${file}`);
