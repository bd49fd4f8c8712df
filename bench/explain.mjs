// Prints EXPLAIN ANALYZE for the SQL the catalog really runs: it captures the queries issued by
// a search and a category listing (cache off), then explains each. Usage, on a seeded catalog
// (`npm run db:seed -- --products 100000`; DATA_DIR as the server's, .data by default):
//   npm run build:server && [DATA_DIR=<dir>] node bench/explain.mjs
import pg from 'pg';
import { openApp } from './support.mjs';

const opened = await openApp({ dataDir: process.env.DATA_DIR, env: { CACHE: 'off' } });
const { app } = opened;
const captured = [];
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (q, values, cb) {
  const text = typeof q === 'string' ? q : q?.text;
  const params = typeof q === 'string' ? values : (q?.values ?? values);
  if (text && /from "products"/.test(text))
    captured.push({ text, values: Array.isArray(params) ? params : [] });
  return original.call(this, q, values, cb);
};

async function explain(label, url) {
  captured.length = 0;
  const res = await app.inject({ method: 'GET', url });
  const hits = [...captured];
  console.log(`\n### ${label}\n\n\`GET ${url}\` → ${res.statusCode}, ${res.json().total} results\n`);
  for (const q of hits.filter((h) => !/^explain/i.test(h.text))) {
    const plan = await opened.database.pool.query(
      `explain (analyze, costs off, timing on) ${q.text}`,
      q.values,
    );
    console.log('```');
    console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
    console.log('```\n');
  }
}

const tree = (await app.inject({ method: 'GET', url: '/api/v1/categories' })).json();
await explain('Search with a typo ("milc")', '/api/v1/products?q=milc');
await explain('Search with a prefix ("choc")', '/api/v1/products?q=choc');
await explain(
  `Category page (${tree[0].name}, with descendants)`,
  `/api/v1/products?category=${tree[0].slug}&per_page=20`,
);
pg.Client.prototype.query = original;
await opened.close();
