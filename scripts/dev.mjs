// `npm run dev`: the API server (restarting on changes under apps/server/src) and Vite's dev
// server (hot reload, proxying /api and /uploads to the API) side by side. Ctrl-C stops both.
import { spawn } from 'node:child_process';

const port = process.env.PORT ?? '3000';
const procs = [
  ['api', ['run', 'dev:server']],
  ['web', ['run', 'dev:web']],
].map(([name, args]) => {
  const child = spawn('npm', args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: port, FORCE_COLOR: '1' },
  });
  const prefix = (line) => (line ? `[${name}] ${line}\n` : '');
  for (const stream of [child.stdout, child.stderr])
    stream.on('data', (chunk) =>
      process.stdout.write(String(chunk).split('\n').filter(Boolean).map(prefix).join('')),
    );
  child.on('exit', (code) => {
    process.stdout.write(`[${name}] exited (${code ?? 'signal'}); stopping the other one\n`);
    stop(code ?? 1);
  });
  return child;
});

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
process.stdout.write(`Cartwheel dev: open http://localhost:5173 (API on http://localhost:${port})\n`);
