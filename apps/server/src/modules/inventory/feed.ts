import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { AppError, invalid } from '../../platform/errors.js';

/**
 * Stock feeds for the inventory sync (INV-7): a CSV or JSON document of counted stock, one row per
 * warehouse and SKU. Uploaded with the request, or fetched from an operator-allowed host by the job.
 */

export const MAX_FEED_BYTES = 5 * 1024 * 1024;
export const MAX_FEED_ROWS = 20_000;
export const FEED_COLUMNS = ['warehouse_code', 'sku', 'on_hand'] as const;
const FETCH_TIMEOUT_MS = 30_000;
const HOST_WITH_PORT = /^(\[[^\]]+\]|[^:[\]]+):\d+$/;

export type FeedFormat = 'csv' | 'json';
export type FeedRow = { warehouse_code: string; sku: string; on_hand: number };

/** A document that cannot be read as a feed at all (rather than a bad row in it). */
export class FeedError extends Error {}

/** CSV or JSON, from the declared type or file name, else from the first character. */
export function feedFormat(bytes: Buffer, hints: { contentType?: string; filename?: string }): FeedFormat {
  const type = hints.contentType?.toLowerCase() ?? '';
  const name = hints.filename?.toLowerCase() ?? '';
  if (type.includes('csv') || name.endsWith('.csv')) return 'csv';
  if (type.includes('json') || name.endsWith('.json')) return 'json';
  const first = bytes
    .toString('utf8', 0, 64)
    .replace(/^\uFEFF/, '')
    .trimStart()[0];
  return first === '[' || first === '{' ? 'json' : 'csv';
}

/** The rows of a feed document, not yet validated one by one. */
export function parseFeed(bytes: Buffer, format: FeedFormat): unknown[] {
  if (!bytes.length) throw new FeedError('The feed is empty');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new FeedError('The feed is not UTF-8 text');
  }
  let rows: unknown[];
  if (format === 'json') {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      throw new FeedError('The feed is not valid JSON');
    }
    const list = Array.isArray(doc) ? doc : (doc as { rows?: unknown } | null)?.rows;
    if (!Array.isArray(list)) throw new FeedError('A JSON feed is an array of rows or { "rows": [...] }');
    rows = list;
  } else {
    let header: string[] = [];
    try {
      rows = parse(text, {
        columns: (h: string[]) => (header = h.map((c) => c.trim().toLowerCase())),
        skip_empty_lines: true,
        trim: true,
        // A short or long line is that row's problem (reported), not the whole file's.
        relax_column_count: true,
      }) as unknown[];
    } catch (err) {
      throw new FeedError(`The CSV could not be read: ${(err as Error).message}`);
    }
    const missing = FEED_COLUMNS.filter((c) => !header.includes(c));
    if (missing.length)
      throw new FeedError(
        `The CSV header must name the columns ${FEED_COLUMNS.join(', ')}; missing ${missing.join(', ')}`,
      );
  }
  if (!rows.length) throw new FeedError('The feed has no rows');
  if (rows.length > MAX_FEED_ROWS)
    throw new AppError(
      413,
      'TOO_MANY_ROWS',
      `At most ${MAX_FEED_ROWS} rows per feed (this one has ${rows.length})`,
    );
  return rows;
}

const wholeNumber = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
    z
      .number({
        error: (iss) => (iss.input === undefined || iss.input === '' ? 'Required' : 'Must be a whole number'),
      })
      .int('Must be a whole number')
      .min(0, 'Must be at least 0')
      .max(max, `At most ${max}`),
  );
const code = (max: number) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? 'Required' : 'Must be text') })
    .trim()
    .min(1, 'Required')
    .max(max, `At most ${max} characters`);

/** One row's validation; `max` is the largest count a stock row may hold. */
export const feedRowSchema = (max: number) =>
  z.object({ warehouse_code: code(32), sku: code(64), on_hand: wholeNumber(max) });

/**
 * The feed URL as an operator allows it: http(s), no credentials, and a host in the allow-list
 * (an entry with a port matches that host and port only; without, any port of that host).
 */
export function checkFeedUrl(raw: string, allowedHosts: string[], field = 'body.url'): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid(field, 'Must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw invalid(field, 'Must be an absolute http(s) URL');
  if (url.username || url.password) throw invalid(field, 'Credentials in the URL are not accepted');
  if (!allowedHosts.length)
    throw new AppError(422, 'URL_NOT_ALLOWED', 'Stock feeds by URL are not enabled on this server', [
      { field, message: 'URL feeds are disabled' },
    ]);
  const host = url.host.toLowerCase();
  const hostname = url.hostname.toLowerCase();
  if (!allowedHosts.some((h) => (HOST_WITH_PORT.test(h) ? h === host : h === hostname)))
    throw new AppError(422, 'URL_NOT_ALLOWED', `The host ${hostname} is not allowed for stock feeds`, [
      { field, message: `host ${hostname} is not in the allow-list` },
    ]);
  return url;
}

/**
 * Downloads a feed: no redirects (they could leave the allowed host), a timeout, and the size
 * limit enforced while reading.
 */
export async function fetchFeed(url: URL, maxBytes = MAX_FEED_BYTES) {
  let res: Response;
  try {
    res = await fetch(url, {
      redirect: 'error',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      headers: { accept: 'text/csv, application/json;q=0.9, */*;q=0.1' },
    });
  } catch (err) {
    throw new Error(`Fetching the feed from ${url.host} failed: ${(err as Error).message}`);
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new Error(`The feed host ${url.host} answered ${res.status}`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new FeedError(`The feed is larger than ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
  }
  return {
    bytes: Buffer.concat(chunks),
    contentType: res.headers.get('content-type') ?? undefined,
    filename: url.pathname,
  };
}
