import type { ErrorBody } from '@geoshare/shared';
import type { FastifyError, FastifyInstance } from 'fastify';
import { isDomainError } from './domain-error.js';
import { ERROR_CODES } from './error-codes.js';

/**
 * Maps every thrown error to `{statusCode, code, message}`; a 5xx never carries internals to the client.
 * With `spaFallback`, GET requests outside /api that match no route get the web app's index.html (client routes).
 */
export function registerErrorHandler(app: FastifyInstance, opts: { spaFallback: boolean }): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    let body: ErrorBody;
    if (isDomainError(err)) {
      body = { statusCode: err.status, code: err.code, message: err.message };
      if (err.details !== undefined) body.details = err.details;
    } else if (err.validation) {
      const first = err.validation[0];
      const where = first?.instancePath || (first?.params as { missingProperty?: string })?.missingProperty || '';
      body = {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: `${ERROR_CODES.VALIDATION_FAILED.message}${where ? `：${where}` : ''}`,
        details: err.validation.map((v) => ({ path: v.instancePath, message: v.message, params: v.params })),
      };
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Fastify's own 4xx (bad JSON, body too large, unsupported media type): keep its code, say it in Chinese.
      body = {
        statusCode: err.statusCode,
        code: err.code ?? 'BAD_REQUEST',
        message: `请求无法处理（${err.code ?? err.statusCode}）`,
      };
    } else {
      req.log.error({ err }, 'unhandled error');
      body = { statusCode: 500, code: 'INTERNAL', message: ERROR_CODES.INTERNAL.message };
    }
    if (body.statusCode >= 500 && isDomainError(err)) req.log.error({ err }, 'domain error with 5xx');
    return reply.status(body.statusCode).send(body);
  });

  app.setNotFoundHandler((req, reply) =>
    opts.spaFallback && req.method === 'GET' && !req.url.startsWith('/api/')
      ? reply.type('text/html').sendFile('index.html')
      : reply.status(404).send({ statusCode: 404, code: 'NOT_FOUND', message: ERROR_CODES.NOT_FOUND.message }),
  );
}
