import pg from 'pg';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { runMigrations } from './platform/migrate.js';
import { openRuntime } from './runtime.js';
import { DEMO_ACCOUNTS, seedDemoAccounts } from './seed/accounts.js';

/** Database commands: `migrate`, `reset` (drop everything, migrate again), `seed` (demo data). */
const USAGE = 'usage: cli <migrate|reset|seed> [--yes]';

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
      await seedDemoAccounts(app.services.identity);
      await app.close();
      say(`Seeded ${DEMO_ACCOUNTS.length} demo accounts.`);
    }
  } finally {
    await runtime.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
