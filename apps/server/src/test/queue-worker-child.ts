/**
 * A worker process for jobs/worker-crash.test.ts: `node --import tsx queue-worker-child.ts <db-url>`.
 * It runs the queue (with heartbeats) on the test database until the test kills it.
 */
import Fastify from 'fastify';
import { createDatabase } from '../platform/db.js';
import { createQueue } from '../platform/queue.js';
import { welcomeHandler } from './crash-jobs.js';

const url = process.argv[2];
if (!url) throw new Error('usage: queue-worker-child.ts <database-url>');
const database = createDatabase(url, 4);
const queue = createQueue({
  db: database.db,
  pool: database.pool,
  concurrency: 2,
  // Fastify's logger (pino) without a server: the queue logs as it does in the app.
  log: Fastify({ logger: { level: 'warn' } }).log,
  handlers: [welcomeHandler(database.db, { hangAfterEmail: true })],
});
await queue.start();
process.stdout.write(`ready ${queue.workerId}\n`);
