// The ceiling: a bare Fastify route answering with a fixed JSON body from memory (no hooks, no
// database). Started by the read scenarios with the body of a real catalog page on stdin, so the
// ratios to it are meaningful. Usage: node bench/ceiling.mjs <port> < body.json
import { text } from 'node:stream/consumers';
import Fastify from 'fastify';

const body = await text(process.stdin);
const app = Fastify({ logger: false });
app.get('/page', async (_req, reply) => reply.type('application/json').send(body));
await app.listen({ host: '127.0.0.1', port: Number(process.argv[2]) });
process.stdout.write('ready\n');
