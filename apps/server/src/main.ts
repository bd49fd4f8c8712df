import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLocalStorage } from './platform/storage.js';
import { openRuntime } from './runtime.js';
import { DEMO_ACCOUNTS, seedDemoAccounts } from './seed/accounts.js';
import { seedCatalog } from './seed/catalog.js';
import { seedInventory } from './seed/inventory.js';

/** Composition root: config → database → app → worker → listen; and a clean stop on signals. */
async function main() {
  const started = Date.now();
  const config = loadConfig();
  const say = (msg: string) => process.stdout.write(`[cartwheel] ${msg}\n`);
  const runtime = await openRuntime(config, { log: say });
  const app = await buildApp(runtime.config, runtime.database);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal} received: draining requests and jobs…`);
    const force = setTimeout(() => {
      say('shutdown took too long; exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    try {
      await app.close(); // stops accepting, drains in-flight requests, stops the worker (onClose)
      await runtime.close(); // pool, then the embedded PostgreSQL
      say('stopped cleanly');
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  if (config.seedDemo && config.worker !== 'only') {
    await seedDemoAccounts(app.services.identity);
    // First start only: an empty catalog gets the demo one (a few seconds); later starts skip it.
    // A failure here leaves the catalog empty but must not stop the platform from starting.
    await seedCatalog({
      db: runtime.database.db,
      storage: createLocalStorage(runtime.config.uploadDir),
      identity: app.services.identity,
      log: say,
    }).catch((err: unknown) => app.log.error({ err }, 'demo catalog not seeded'));
    // Dark stores and stock for that catalog (first start only, like the catalog).
    await seedInventory({ db: runtime.database.db, inventory: app.services.inventory, log: say }).catch(
      (err: unknown) => app.log.error({ err }, 'demo stock not seeded'),
    );
  }
  if (config.worker !== 'off') await app.queue.start();
  const address = await app.listen({ host: config.host, port: config.port });

  const mode = { on: 'API + worker', off: 'API only', only: 'worker only' }[config.worker];
  say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s — ${mode} on ${address}`);
  if (config.worker !== 'only') {
    say(`API docs:  ${runtime.config.publicUrl}/docs`);
    if (config.seedDemo) {
      say('Demo accounts (email / password):');
      for (const a of DEMO_ACCOUNTS) say(`  ${a.role.padEnd(8)} ${a.email.padEnd(24)} ${a.password}`);
    }
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(
      `Cartwheel failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  }
  process.exit(1);
});
