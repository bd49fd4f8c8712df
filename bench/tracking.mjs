// Live tracking on its own (`npm run bench:tracking`): the built server on a fresh data dir with the
// demo catalog, then the SSE scenario of bench/scenarios/tracking.mjs with its full detail.
// Usage: npm run bench:tracking [-- --orders 50 --streams 10 --rounds 1 --timeout 10000]
//   --streams is per order; --rounds adds FAILED → OUT_FOR_DELIVERY retries per order.
import {
  freshDataDir,
  loadAverage,
  machine,
  parseArgs,
  removeDataDir,
  startServer,
  writeResults,
} from './support.mjs';
import { tracking } from './scenarios/tracking.mjs';

const args = parseArgs({ orders: 50, streams: 10, rounds: 1, timeout: 10_000 });
const loadBefore = loadAverage();
const dataDir = freshDataDir('tracking');
const server = await startServer({ dataDir });
let r;
let host;
try {
  host = await machine(server);
  r = await tracking(server, args);
} finally {
  await server.stop();
  removeDataDir(dataDir);
}
const loadAfter = loadAverage();

console.log(
  `\nCartwheel live-tracking benchmark — ${host.cores} × ${host.cpu}, Node ${host.node}, PostgreSQL ${host.postgres}`,
);
console.log(
  `load average (1/5/15 min) at start: ${loadBefore.join(', ')}; at the end: ${loadAfter.join(', ')}`,
);
console.log(
  `${args.orders} orders × ${args.streams} streams = ${r.streams} open SSE streams; ${r.changes} status changes ` +
    `one at a time (${r.stages.join(' → ')})\n`,
);
console.table([
  { measure: 'status change → SSE `status` event (every stream)', ...r.event },
  { measure: 'POST /admin/deliveries/{id}/status (response)', ...r.request },
]);
console.table([
  { check: 'events expected (changes × streams per order)', value: r.expected, expected: '' },
  { check: `events missed (stream × change, timeout ${args.timeout} ms)`, value: r.missed, expected: 0 },
  { check: 'streams closed or errored early', value: r.closedEarly, expected: 0 },
  { check: `open ${r.streams} streams until every initial state`, value: `${r.openMs.toFixed(0)} ms` },
  { check: 'all changes, one at a time', value: `${r.advanceS.toFixed(1)} s` },
  {
    check: 'deliveries scans per change (PostgreSQL counters)',
    value: r.scansPerChange.deliveries.toFixed(1),
  },
  {
    check: 'delivery_events scans per change (PostgreSQL counters)',
    value: r.scansPerChange.delivery_events.toFixed(1),
  },
  { check: 'server RSS before streams', value: `${r.rssIdle} MB` },
  { check: `server RSS with ${r.streams} streams open`, value: `${r.rssOpen} MB` },
  { check: 'server RSS after all changes', value: `${r.rssEnd} MB` },
]);
console.log(`results: ${writeResults('tracking', { args, machine: host, loadBefore, loadAfter, ...r })}`);
if (r.missed || r.closedEarly) process.exitCode = 1;
