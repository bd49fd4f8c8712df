import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** An opaque, URL-safe secret (256 bits). */
export const randomToken = () => randomBytes(32).toString('base64url');

/** Tokens are stored as SHA-256: a database leak does not yield usable tokens. */
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function safeEqual(a: string, b: string) {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
