// Write scenarios on their own (`npm run bench:commerce`): add to cart, checkout and the flash sale of
// bench/scenarios/commerce.mjs with their correctness counts, on a fresh server with the demo catalog
// (300 products; --products N seeds that many first, as the suite does with 100,000).
// Usage: npm run bench:commerce [-- --connections 50 --duration 10 --warmup 2 --buyers 1000 --units 100
//   --products 0]
import { commerce } from './scenarios/commerce.mjs';
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

const args = parseArgs({ connections: 50, duration: 10, warmup: 2, buyers: 1000, units: 100, products: 0 });
const loadBefore = loadAverage();
const dataDir = freshDataDir('commerce');
let result;
let host;
try {
  if (args.products) await seedCatalog(dataDir, args.products);
  const server = await startServer({ dataDir });
  try {
    host = await machine(server);
    result = await commerce(server, args);
  } finally {
    await server.stop();
  }
} finally {
  removeDataDir(dataDir);
}
const loadAfter = loadAverage();

console.log(
  `\nCartwheel commerce benchmarks — ${host.cores} × ${host.cpu}, Node ${host.node}, PostgreSQL ${host.postgres}`,
);
console.log(
  `${args.products ? `${args.products.toLocaleString('en-US')} products` : 'demo catalog'}; ${args.connections} shoppers; ` +
    `${args.warmup} s warm-up, then ${args.duration} s measured per scenario`,
);
console.log(`load average (1/5/15 min) before: ${loadBefore.join(' / ')}; after: ${loadAfter.join(' / ')}\n`);
console.log(formatTable(result.rows));
const file = writeResults('commerce', {
  args,
  machine: host,
  loadAverage: { before: loadBefore, after: loadAfter },
  ...result,
});
console.log(`\nresults: ${file}`);
if (!result.correct) process.exitCode = 1;
