import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The storefront (apps/web, built by Vite) served by the API server on the same port: hashed
 * assets with a year-long cache, and index.html — the app shell — for every other page URL, so
 * the single-page app routes on the client. Product and category URLs get the same shell with
 * their SEO head (catalog/seo.ts) in place of the default one.
 */

/** The web app's policy: only its own scripts; inline styles for React's style attributes. */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** index.html marks its default title and description so they can be swapped per page. */
const HEAD_BLOCK = /<!-- cw:head -->[\s\S]*?<!-- \/cw:head -->/;

export type WebShell = {
  dir: string;
  /** index.html, with `head` (escaped HTML) instead of the default title and description. */
  render: (head?: string) => string;
};

/** The built web app in `dir`, or undefined when there is none (API-only deployments, tests). */
export function loadWebShell(dir: string): WebShell | undefined {
  let html: string;
  try {
    html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  } catch {
    return undefined;
  }
  if (!HEAD_BLOCK.test(html)) throw new Error(`${dir}/index.html has no <!-- cw:head --> block to replace`);
  return { dir, render: (head) => (head === undefined ? html : html.replace(HEAD_BLOCK, () => head)) };
}

export function sendShell(
  reply: FastifyReply,
  shell: WebShell,
  opts: { head?: string; status?: number } = {},
) {
  return reply
    .status(opts.status ?? 200)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-cache')
    .header('content-security-policy', WEB_CSP)
    .send(shell.render(opts.head));
}

/** Paths that belong to the server, never to the app: unknown ones stay a problem+json 404. */
const SERVER_PATHS = /^\/(api|uploads|assets|docs|health|metrics|openapi\.json|sitemaps?)(\/|\.|$)/;

const wantsHtml = (req: FastifyRequest) => (req.headers.accept ?? '').includes('text/html');

export const webRoutes: FastifyPluginAsync<{ shell: WebShell }> = async (app, { shell }) => {
  await app.register(fastifyStatic, {
    root: shell.dir,
    prefix: '/',
    // One route per built file (no filesystem lookups for unknown paths); the shell is ours.
    wildcard: false,
    index: false,
    globIgnore: ['index.html', '**/*.gz', '**/*.br'],
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      // Vite content-hashes everything under assets/: a changed file gets a new name.
      const immutable = filePath.split(path.sep).includes('assets');
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });

  app.get('/', { schema: { hide: true } }, async (_req, reply) => sendShell(reply, shell));

  // Client-side routes (/search, /cart, /account…): a browser asking for a page gets the shell.
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    const pathname = req.url.split('?')[0]!;
    if (SERVER_PATHS.test(pathname) || !wantsHtml(req)) {
      reply.callNotFound();
      return reply;
    }
    return sendShell(reply, shell);
  });
};
