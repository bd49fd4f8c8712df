import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

export type FieldError = { field: string; message: string };

/** The one error type services throw. Mapped once, below, to RFC 9457 problem+json. */
export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly errors?: FieldError[],
    public readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, errors?: FieldError[]) =>
  new AppError(400, code, message, errors);
export const unauthorized = (code: string, message: string) => new AppError(401, code, message);
export const forbidden = (message = 'You do not have permission to do this') =>
  new AppError(403, 'FORBIDDEN', message);
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what} not found`);
export const conflict = (code: string, message: string, errors?: FieldError[]) =>
  new AppError(409, code, message, errors);
export const unprocessable = (code: string, message: string, errors?: FieldError[]) =>
  new AppError(422, code, message, errors);

/** Field-level validation failure from service-side rules (the same shape zod failures get). */
export const invalid = (field: string, message: string) =>
  new AppError(422, 'VALIDATION_FAILED', message, [{ field, message }]);

export function findOrFail<T>(row: T | undefined | null, what: string): T {
  if (row === undefined || row === null) throw notFound(what);
  return row;
}

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

type Problem = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  errors?: FieldError[];
};

function problem(status: number, code: string, detail: string, errors?: FieldError[]): Problem {
  return {
    type: `https://cartwheel.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: STATUS_TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    ...(errors?.length ? { errors } : {}),
  };
}

/** Fastify's own error codes that are the client's fault, with the code we expose. */
const FASTIFY_CLIENT_ERRORS: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_BODY',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_BODY',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_BODY',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

function toProblem(err: FastifyError | AppError | Error): Problem {
  if (err instanceof AppError) return problem(err.status, err.code, err.message, err.errors);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as FastifyError).validationContext ?? 'body';
    const errors = err.validation.map((v) => {
      const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
      return { field: path ? `${where}.${path}` : where, message: v.message ?? 'invalid' };
    });
    return problem(422, 'VALIDATION_FAILED', `Invalid ${where}: ${errors[0]?.field ?? where}`, errors);
  }
  const fe = err as FastifyError;
  if (SyntaxError.name === fe.name && fe.statusCode === 400) {
    return problem(400, 'MALFORMED_BODY', 'Request body is not valid JSON');
  }
  if (fe.code && FASTIFY_CLIENT_ERRORS[fe.code]) {
    return problem(fe.statusCode ?? 400, FASTIFY_CLIENT_ERRORS[fe.code]!, fe.message);
  }
  if (fe.statusCode === 429) return problem(429, 'RATE_LIMITED', fe.message);
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return problem(fe.statusCode, fe.code ?? 'BAD_REQUEST', fe.message);
  }
  return problem(500, 'INTERNAL', 'Something went wrong on our side');
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const body = toProblem(err);
    if (body.status >= 500 || isResponseSerializationError(err)) {
      req.log.error({ err }, 'request failed');
    } else {
      req.log.info({ code: body.code, status: body.status }, body.detail);
    }
    if (err instanceof AppError && err.headers) reply.headers(err.headers);
    void reply
      .status(body.status)
      .type('application/problem+json')
      .send({ ...body, instance: req.url.split('?')[0] });
  });
  app.setNotFoundHandler((req, reply) => {
    void reply
      .status(404)
      .type('application/problem+json')
      .send({
        ...problem(404, 'ROUTE_NOT_FOUND', `No route for ${req.method} ${req.url.split('?')[0]}`),
        instance: req.url.split('?')[0],
      });
  });
}
