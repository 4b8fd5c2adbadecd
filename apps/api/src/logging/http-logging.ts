import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type DestinationStream, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Environment } from '#libs/config';
import { loggablePath } from './loggable-request.js';
import { REQUEST_ID_HEADER, acceptRequestId } from './request-id.js';
import { requestContext } from './request-context.js';

/**
 * Paths censored should anything log a whole request or response object: credentials, cookies and
 * bodies (registrations, sign-ins and uploads are personal data or secrets).
 */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-ssl-client-cert"]',
  'req.body',
  'req.query',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'body',
];

/**
 * The API's pino logger: JSON lines on stdout (through process.stdout, so that the container
 * runtime and the tests see the same stream), at LOG_LEVEL.
 */
export function createApiLogger(env: Pick<Environment, 'LOG_LEVEL'>, destination: DestinationStream = process.stdout): Logger {
  return pino(
    {
      name: 'api',
      level: env.LOG_LEVEL,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}

type ExpressMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * One log line per request (method, path, status, time, request id), never its query string,
 * headers or body. The request id comes from a well-formed X-Request-Id, else a new UUID, and is
 * echoed in the response; Nest's log lines written while serving the request carry it too.
 */
export function httpLogging(logger: Logger): ExpressMiddleware {
  const middleware = pinoHttp({
    logger,
    genReqId: (req, res) => {
      const id = acceptRequestId(req.headers['x-request-id']);
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    customAttributeKeys: { reqId: 'requestId' },
    quietReqLogger: true, // `requestId` at the top of every line of the request, not only inside `req`
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, path: loggablePath(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    // Client errors are the API doing its job (validation, 401, 409, 429); 503 is a known transient
    // state (CA not initialised yet) whose reason Nest's line already gives; other 5xx are faults.
    customLogLevel: (_req, res, error) => (res.statusCode === 503 ? 'warn' : error || res.statusCode >= 500 ? 'error' : 'info'),
    // The exception filter logs a fault's stack; pino-http's own `err` would only say "failed with status code 500".
    customErrorObject: (_req, _res, _error, fields: Record<string, unknown>) => {
      const { err: _ignored, ...rest } = fields;
      return rest;
    },
    customSuccessMessage: (req, res) => `${req.method} ${loggablePath(req.url)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${loggablePath(req.url)} ${res.statusCode}`,
  });
  return (req, res, next) => middleware(req, res, () => requestContext.run({ requestId: String(req.id) }, next));
}
