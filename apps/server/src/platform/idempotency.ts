import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { sha256 } from './crypto.js';
import type { DbOrTx } from './db.js';
import { badRequest, unprocessable } from './errors.js';
import { idempotencyKeys } from './schema.js';

/** Keys are kept this long; a retry after that is a new request. */
export const IDEMPOTENCY_TTL_HOURS = 24;

const KEY = /^[\x21-\x7e]{8,255}$/;

/** The request's `Idempotency-Key` header, required and well-formed (400 otherwise). */
export function idempotencyKeyOf(req: FastifyRequest): string {
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string' || !key)
    throw badRequest('IDEMPOTENCY_KEY_REQUIRED', 'This request needs an Idempotency-Key header', [
      { field: 'headers.idempotency-key', message: 'Required' },
    ]);
  if (!KEY.test(key))
    throw badRequest('INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 8–255 printable ASCII characters', [
      { field: 'headers.idempotency-key', message: '8–255 printable ASCII characters' },
    ]);
  return key;
}

/** A stable hash of a JSON body: key order does not matter. */
export function requestHash(body: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return sha256(JSON.stringify(canonical(body ?? null)));
}

type Claim = {
  scope: string;
  ownerId: string;
  key: string;
  requestHash: string;
  /** The id of the resource this request will create, when the caller picks it: stored with the claim. */
  resourceId?: string;
};

/**
 * Claims a key inside the caller's transaction. Returns `{ replay: id }` when an earlier request
 * with this key and body already produced resource `id`; `{ claimed: true }` when this request
 * owns the key and must call `complete` before committing (unless it gave `resourceId`). A
 * concurrent request with the same key waits on the primary key until the first commits (then
 * replays) or rolls back (then claims). The same key with a different body is a 422.
 */
export async function claimIdempotencyKey(
  tx: DbOrTx,
  claim: Claim,
): Promise<{ replay: string } | { claimed: true; complete: (resourceId: string) => Promise<void> }> {
  const where = and(
    eq(idempotencyKeys.scope, claim.scope),
    eq(idempotencyKeys.ownerId, claim.ownerId),
    eq(idempotencyKeys.key, claim.key),
  );
  const inserted = await tx
    .insert(idempotencyKeys)
    .values(claim)
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length)
    return {
      claimed: true,
      complete: async (resourceId) => {
        await tx.update(idempotencyKeys).set({ resourceId }).where(where);
      },
    };
  const [existing] = await tx.select().from(idempotencyKeys).where(where);
  if (!existing || !existing.resourceId)
    // Committed without a resource: only possible if a caller forgot `complete`.
    throw new Error(`idempotency key ${claim.scope}/${claim.key} has no resource`);
  if (existing.requestHash !== claim.requestHash)
    throw unprocessable(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used with a different request body',
      [{ field: 'headers.idempotency-key', message: 'Use a new key for a different request' }],
    );
  return { replay: existing.resourceId };
}

/** Forgets keys older than the retention period (maintenance job). */
export async function purgeIdempotencyKeys(tx: DbOrTx) {
  const rows = await tx
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, sql`now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`))
    .returning({ key: idempotencyKeys.key });
  return rows.length;
}
