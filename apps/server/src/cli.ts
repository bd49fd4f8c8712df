import pg from 'pg';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { runMigrations } from './platform/migrate.js';
import { createLocalStorage } from './platform/storage.js';
import { openRuntime } from './runtime.js';
import { DEMO_ACCOUNTS, seedDemoAccounts } from './seed/accounts.js';
import { DEFAULT_PRODUCTS, MAX_PRODUCTS, seedCatalog } from './seed/catalog.js';
import { seedInventory } from './seed/inventory.js';

/** Database commands: `migrate`, `reset` (drop everything, migrate again), `seed` (demo data). */
const USAGE = 'usage: cli <migrate|reset|seed> [--yes] [--products N]';

async function main() {
  const [command, ...flags] = process.argv.slice(2);
  const config = loadConfig();
  const say = (msg: string) => process.stdout.write(`${msg}\n`);
  if (!['migrate', 'reset', 'seed'].includes(command ?? '')) {
    say(USAGE);
    process.exit(2);
  }
  if (command === 'reset' && config.env === 'production' && !flags.includes('--yes')) {
    say('Refusing to reset a production database without --yes');
    process.exit(2);
  }
  const products = command === 'seed' ? parseProducts(flags) : DEFAULT_PRODUCTS;
  if (typeof products === 'string') {
    say(products);
    process.exit(2);
  }
  const runtime = await openRuntime(config, { migrate: command !== 'reset', log: say });
  try {
    if (command === 'reset') {
      const client = new pg.Client({ connectionString: runtime.databaseUrl });
      await client.connect();
      await client.query(
        'drop schema if exists public cascade; drop schema if exists drizzle cascade; drop schema if exists graphile_worker cascade; create schema public;',
      );
      await client.end();
      await runMigrations(runtime.databaseUrl);
      say('Database reset and migrated.');
    }
    if (command === 'migrate') say('Migrations applied.');
    if (command === 'seed') {
      const app = await buildApp({ ...runtime.config, worker: 'off' }, runtime.database);
      try {
        await seedDemoAccounts(app.services.identity);
        say(`Seeded ${DEMO_ACCOUNTS.length} demo accounts.`);
        const catalog = await seedCatalog(
          {
            db: runtime.database.db,
            storage: createLocalStorage(runtime.config.uploadDir),
            identity: app.services.identity,
            log: say,
          },
          { products },
        );
        if (!catalog.seeded) say(`Catalog left as it is: ${catalog.reason}.`);
        const stock = await seedInventory({
          db: runtime.database.db,
          inventory: app.services.inventory,
          log: say,
        });
        if (!stock.seeded) say(`Stock left as it is: ${stock.reason}.`);
      } finally {
        await app.close();
      }
    }
  } finally {
    await runtime.close();
  }
}

/** `--products N` (or `--products=N`): a whole number from 1 to MAX_PRODUCTS; an error message otherwise. */
function parseProducts(flags: string[]): number | string {
  const i = flags.findIndex((f) => f === '--products' || f.startsWith('--products='));
  if (i < 0) return DEFAULT_PRODUCTS;
  const flag = flags[i] as string;
  const raw = flag.includes('=') ? flag.slice(flag.indexOf('=') + 1) : flags[i + 1];
  const n = raw && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= MAX_PRODUCTS))
    return `--products must be a whole number from 1 to ${MAX_PRODUCTS.toLocaleString('en-US')} (got ${raw ?? 'nothing'})`;
  return n;
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
