import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { escapeHtml as esc } from '../../platform/html.js';
import { formatMoney } from '../../platform/money.js';
import { sendShell, type WebShell } from '../../platform/web.js';
import type { CatalogService } from './service.js';

/**
 * Server-side SEO (CAT-9): the head tags for product and category pages (title, description,
 * canonical, Open Graph, schema.org Product JSON-LD), sitemap.xml and robots.txt. /p/:slug and
 * /c/:slug answer with the web app's shell (index.html) carrying that head, and the app renders
 * the page; without a built web app (API-only deployments) a small server-rendered page carries it.
 */

export type HeadMeta = {
  title: string;
  description: string;
  canonical: string;
  image?: string;
  type: 'product' | 'website';
  jsonLd?: object;
};

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

export function renderHead(m: HeadMeta): string {
  const tags = [
    `<title>${esc(m.title)}</title>`,
    `<meta name="description" content="${esc(m.description)}">`,
    `<link rel="canonical" href="${esc(m.canonical)}">`,
    `<meta property="og:type" content="${m.type}">`,
    `<meta property="og:title" content="${esc(m.title)}">`,
    `<meta property="og:description" content="${esc(m.description)}">`,
    `<meta property="og:url" content="${esc(m.canonical)}">`,
    `<meta property="og:site_name" content="Cartwheel">`,
    `<meta name="twitter:card" content="${m.image ? 'summary_large_image' : 'summary'}">`,
  ];
  if (m.image) tags.push(`<meta property="og:image" content="${esc(m.image)}">`);
  // JSON inside <script>: "<" is escaped so no value can close the tag.
  if (m.jsonLd)
    tags.push(
      `<script type="application/ld+json">${JSON.stringify(m.jsonLd).replace(/</g, '\\u003c')}</script>`,
    );
  return tags.join('\n');
}

type ProductDetail = Awaited<ReturnType<CatalogService['products']['get']>>;

export function productMeta(p: ProductDetail, baseUrl: string): HeadMeta {
  const url = `${baseUrl}/p/${p.slug}`;
  const image = p.main_image ? `${baseUrl}${p.main_image.full.url}` : undefined;
  const description = clip(p.seo_description ?? p.short_description ?? p.description ?? p.name, 160);
  return {
    title: clip(p.seo_title ?? `${p.name}${p.unit ? ` (${p.unit})` : ''} — Cartwheel`, 70),
    description,
    canonical: url,
    image,
    type: 'product',
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'Product',
      name: p.name,
      description,
      sku: p.sku,
      ...(p.brand ? { brand: { '@type': 'Brand', name: p.brand } } : {}),
      ...(image ? { image: [image] } : {}),
      ...(p.category ? { category: p.category.breadcrumb.map((c) => c.name).join(' > ') } : {}),
      ...(p.rating.count > 0
        ? {
            aggregateRating: {
              '@type': 'AggregateRating',
              ratingValue: p.rating.average,
              reviewCount: p.rating.count,
            },
          }
        : {}),
      offers: {
        '@type': 'Offer',
        url,
        priceCurrency: p.currency,
        price: (p.effective_price_cents / 100).toFixed(2),
        availability: p.in_stock ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock',
      },
    },
  };
}

type CategoryDetail = Awaited<ReturnType<CatalogService['categories']['bySlug']>>;

export function categoryMeta(c: CategoryDetail, baseUrl: string): HeadMeta {
  const url = `${baseUrl}/c/${c.slug}`;
  return {
    title: clip(c.seo_title ?? `${c.name} — Cartwheel`, 70),
    description: clip(
      c.seo_description ??
        c.description ??
        `Shop ${c.name}: ${c.product_count} products delivered in minutes.`,
      160,
    ),
    canonical: url,
    type: 'website',
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'BreadcrumbList',
      itemListElement: c.breadcrumb.map((b, i) => ({
        '@type': 'ListItem',
        position: i + 1,
        name: b.name,
        item: `${baseUrl}/c/${b.slug}`,
      })),
    },
  };
}

/** Sitemaps hold at most 50,000 URLs; beyond that, an index points at numbered pages. */
const URLS_PER_SITEMAP = 45_000;

const NOT_FOUND_HEAD = renderHead({
  title: 'Not found — Cartwheel',
  description: 'This page does not exist or is no longer available.',
  canonical: '',
  type: 'website',
})
  .split('\n')
  .filter((tag) => !/canonical|og:url/.test(tag))
  .concat('<meta name="robots" content="noindex">')
  .join('\n');

const isNotFound = (err: unknown) => err instanceof AppError && err.status === 404;

export const seoRoutes: FastifyPluginAsync<{
  catalog: CatalogService;
  baseUrl: string;
  shell?: WebShell;
}> = async (app, { catalog, baseUrl, shell }) => {
  app.get('/robots.txt', { schema: { hide: true } }, async (_req, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .send(
        [
          'User-agent: *',
          'Disallow: /admin',
          'Disallow: /api/',
          'Allow: /',
          `Sitemap: ${baseUrl}/sitemap.xml`,
          '',
        ].join('\n'),
      ),
  );

  const urlset = (urls: { loc: string; lastmod: Date }[]) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls
      .map(
        (u) =>
          `<url><loc>${esc(u.loc)}</loc><lastmod>${u.lastmod.toISOString().slice(0, 10)}</lastmod></url>`,
      )
      .join('\n')}\n</urlset>\n`;

  async function allUrls() {
    const [cats, prods] = await Promise.all([catalog.categories.activeSlugs(), catalog.activeProductSlugs()]);
    return [
      { loc: `${baseUrl}/`, lastmod: new Date() },
      ...cats.map((c) => ({ loc: `${baseUrl}/c/${c.slug}`, lastmod: c.updatedAt })),
      ...prods.map((p) => ({ loc: `${baseUrl}/p/${p.slug}`, lastmod: p.updatedAt })),
    ];
  }

  app.get('/sitemap.xml', { schema: { hide: true } }, async (_req, reply) => {
    const urls = await allUrls();
    void reply.type('application/xml; charset=utf-8').header('cache-control', 'public, max-age=3600');
    if (urls.length <= URLS_PER_SITEMAP) return urlset(urls);
    const pages = Math.ceil(urls.length / URLS_PER_SITEMAP);
    return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${Array.from(
      { length: pages },
      (_, i) => `<sitemap><loc>${esc(`${baseUrl}/sitemaps/${i + 1}.xml`)}</loc></sitemap>`,
    ).join('\n')}\n</sitemapindex>\n`;
  });

  app.get<{ Params: { n: string } }>('/sitemaps/:n.xml', { schema: { hide: true } }, async (req, reply) => {
    const n = Number.parseInt(req.params.n, 10);
    const urls = await allUrls();
    const page = urls.slice((n - 1) * URLS_PER_SITEMAP, n * URLS_PER_SITEMAP);
    if (!Number.isInteger(n) || n < 1 || !page.length) return reply.callNotFound();
    return reply.type('application/xml; charset=utf-8').send(urlset(page));
  });

  const page = (head: string, body: string) =>
    `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n${head}\n</head>\n<body>\n${body}\n</body>\n</html>\n`;

  /** The app shell with this page's head; an unknown slug gets the shell too (the app says "not found"). */
  async function shellPage(reply: FastifyReply, head: () => Promise<string>) {
    try {
      return sendShell(reply, shell!, { head: await head() });
    } catch (err) {
      if (isNotFound(err)) return sendShell(reply, shell!, { head: NOT_FOUND_HEAD, status: 404 });
      throw err;
    }
  }

  app.get<{ Params: { slug: string } }>('/p/:slug', { schema: { hide: true } }, async (req, reply) => {
    const load = () => catalog.products.get({ slug: req.params.slug.slice(0, 90) }, { staff: false });
    if (shell) return shellPage(reply, async () => renderHead(productMeta(await load(), baseUrl)));
    const p = await load();
    const price = formatMoney(p.effective_price_cents, p.currency);
    return reply
      .type('text/html; charset=utf-8')
      .send(
        page(
          renderHead(productMeta(p, baseUrl)),
          `<main><h1>${esc(p.name)}</h1><p>${esc(price)}${p.unit ? ` · ${esc(p.unit)}` : ''}</p><p>${esc(p.short_description ?? '')}</p></main>`,
        ),
      );
  });

  app.get<{ Params: { slug: string } }>('/c/:slug', { schema: { hide: true } }, async (req, reply) => {
    const load = () => catalog.categories.bySlug(req.params.slug.slice(0, 90), { includeInactive: false });
    if (shell) return shellPage(reply, async () => renderHead(categoryMeta(await load(), baseUrl)));
    const c = await load();
    return reply
      .type('text/html; charset=utf-8')
      .send(
        page(
          renderHead(categoryMeta(c, baseUrl)),
          `<main><h1>${esc(c.name)}</h1><p>${esc(c.description ?? '')}</p></main>`,
        ),
      );
  });
};
