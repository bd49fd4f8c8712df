import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedServer } from '../platform/embedded-postgres.js';
import { runMigrations } from '../platform/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

/**
 * Once per run: a PostgreSQL (embedded, or DATABASE_URL's server) and a migrated template
 * database. Each test file then gets its own database cloned from the template (fast), so files
 * run in parallel without sharing state.
 */
let embedded: EmbeddedServer | undefined;
let adminUrl: string;
let template: string;

export async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(os.tmpdir(), `cartwheel-test-pg-${process.pid}-${randomBytes(3).toString('hex')}`),
      ephemeral: true,
    });
    adminUrl = embedded.url('postgres');
  }
  template = `cw_tpl_${randomBytes(4).toString('hex')}`;
  await admin(`create database ${template}`);
  await runMigrations(withDatabase(adminUrl, template));
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);
}

export async function teardown() {
  if (template) await admin(`drop database if exists ${template} with (force)`).catch(() => {});
  await embedded?.stop();
}

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
