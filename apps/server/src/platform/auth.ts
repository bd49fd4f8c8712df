import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { AppError, forbidden, unauthorized } from './errors.js';

export const ROLES = ['customer', 'staff', 'admin', 'rider'] as const;
export type Role = (typeof ROLES)[number];
/** Roles that may use the staff console; admin can do everything staff can. */
export const STAFF_ROLES: Role[] = ['staff', 'admin'];

export type Actor = { id: string; role: Role; sessionId: string };

export type AccessClaims = { sub: string; role: Role; sid: string; tv: number };

export type TokenSigner = {
  sign: (claims: AccessClaims) => Promise<{ token: string; expiresAt: Date }>;
  verify: (token: string) => Promise<AccessClaims>;
};

const ISSUER = 'cartwheel';
const AUDIENCE = 'cartwheel-api';

export async function createTokenSigner(secret: string, ttlMs: number): Promise<TokenSigner> {
  // Imported once: handing jose raw bytes re-imports the key on every call (4× slower verify).
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
  return {
    sign: async (c) => {
      const expiresAt = new Date(Date.now() + ttlMs);
      const token = await new SignJWT({ role: c.role, sid: c.sid, tv: c.tv })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(c.sub)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(key);
      return { token, expiresAt };
    },
    verify: async (token) => {
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ['HS256'],
        });
        if (
          typeof payload.sub !== 'string' ||
          typeof payload.sid !== 'string' ||
          typeof payload.tv !== 'number' ||
          !ROLES.includes(payload.role as Role)
        ) {
          throw unauthorized('INVALID_TOKEN', 'Access token is malformed');
        }
        return { sub: payload.sub, role: payload.role as Role, sid: payload.sid, tv: payload.tv };
      } catch (err) {
        if (err instanceof AppError) throw err;
        if (err instanceof joseErrors.JWTExpired)
          throw unauthorized('TOKEN_EXPIRED', 'Access token has expired');
        throw unauthorized('INVALID_TOKEN', 'Access token is invalid');
      }
    },
  };
}

/**
 * Turns verified claims into the acting user, checking what a signature cannot: the account is
 * still active, the session was not logged out, and the token version was not bumped
 * (logout-everywhere, password reset, suspension). Supplied by the identity module.
 */
export type PrincipalLoader = (claims: AccessClaims) => Promise<Actor>;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** preHandler: the request must carry a valid access token. */
    authenticate: preHandlerHookHandler;
    /** preHandler: authenticated and one of these roles. */
    requireRole: (...roles: Role[]) => preHandlerHookHandler;
    /** preHandler: use the token when present, stay anonymous otherwise. */
    optionalAuth: preHandlerHookHandler;
  }
}

/** The signed-in actor of a request whose route declared `authenticate` or `requireRole`. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthorized('UNAUTHENTICATED', 'Sign in to continue');
  return req.actor;
}

export const isStaff = (actor: Actor | null) => !!actor && STAFF_ROLES.includes(actor.role);

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (!m) throw unauthorized('INVALID_TOKEN', 'Authorization header must be "Bearer <token>"');
  return m[1];
}

export const authPlugin = fp(
  async (app: FastifyInstance, opts: { signer: TokenSigner; loadPrincipal: PrincipalLoader }) => {
    app.decorateRequest('actor', null);

    const resolve = async (req: FastifyRequest) => {
      const token = bearer(req);
      if (!token) return null;
      const claims = await opts.signer.verify(token);
      return opts.loadPrincipal(claims);
    };

    app.decorate('authenticate', async (req: FastifyRequest, _reply: FastifyReply) => {
      const actor = await resolve(req);
      if (!actor) throw unauthorized('UNAUTHENTICATED', 'Sign in to continue');
      req.actor = actor;
    });
    app.decorate('optionalAuth', async (req: FastifyRequest) => {
      req.actor = await resolve(req);
    });
    app.decorate('requireRole', (...roles: Role[]) => async (req: FastifyRequest) => {
      const actor = await resolve(req);
      if (!actor) throw unauthorized('UNAUTHENTICATED', 'Sign in to continue');
      req.actor = actor;
      if (!roles.includes(actor.role)) throw forbidden();
    });
  },
  { name: 'auth' },
);
