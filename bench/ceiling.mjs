// The ceiling: a bare Fastify route answering with a fixed JSON body from memory (no hooks, no
// database). Started by run.mjs with the body of a real category page, so ratios are meaningful.
import fs from 'node:fs';
import Fastify from 'fastify';

const [file, port] = process.argv.slice(2);
const body = fs.readFileSync(file, 'utf8');
const app = Fastify({ logger: false });
app.get('/page', async (_req, reply) => reply.type('application/json').send(body));
await app.listen({ host: '127.0.0.1', port: Number(port) });
process.stdout.write('ready\n');
