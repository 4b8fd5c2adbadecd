import { HolderAuthGuard, StaffOrHolderAuthGuard } from '../auth/index.js';
import { CaUnavailableFilter } from '../pki/ca-unavailable.filter.js';
import { rateLimitedRoutes } from '../rate-limits/rate-limits.js';
import { RETRY_AFTER, type ResponseHeader } from './problem-decorators.js';
import type { RouteFacts } from './route-metadata.js';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
const PROBLEM_REF = '#/components/schemas/Problem';

/**
 * The error body of every route (apps/api/src/http/problem-details.filter.ts, and the rate limiter
 * and CaUnavailableFilter, which write the same shape): RFC 9457 problem details with the API's
 * `errors` member. No other member is ever sent, hence `additionalProperties: false`, which the
 * fuzzer (test/api/openapi-fuzz.test.ts) holds every error answer to.
 */
export const PROBLEM_SCHEMAS = {
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details. A 5xx says no more than its status: the cause stays in the server log.',
    required: ['type', 'title', 'status'],
    additionalProperties: false,
    properties: {
      type: { type: 'string', format: 'uri-reference', default: 'about:blank', description: 'about:blank: the status and title say it all' },
      title: { type: 'string', minLength: 1, description: 'the same for every occurrence ("invalid request", "refused by the subscription")' },
      status: { type: 'integer', minimum: 400, maximum: 599, description: 'the HTTP status of the answer' },
      detail: { type: 'string', description: 'this occurrence: the reason a workflow gave, the fields refused…' },
      errors: { type: 'array', minItems: 1, items: { $ref: '#/components/schemas/FieldProblem' }, description: 'a 400: each field refused' },
    },
  },
  FieldProblem: {
    type: 'object',
    required: ['field', 'messages'],
    additionalProperties: false,
    properties: {
      field: {
        type: 'string',
        description: 'the field in the body (`address.postcode`, `postalAddress[1]`), the path or query parameter (`id`), or `body`',
      },
      messages: { type: 'array', minItems: 1, items: { type: 'string' } },
    },
  },
} as const;

export type ResponseObject = {
  description: string;
  content?: Record<string, { schema?: unknown }>;
  headers?: Record<string, ResponseHeader>;
};

export const REQUEST_ID_HEADER: ResponseHeader = {
  description: 'the X-Request-Id the client sent (when well-formed), else a new UUID; it names the request in the server log',
  required: true,
  schema: { type: 'string' },
};
const WWW_AUTHENTICATE: ResponseHeader = {
  description: 'Bearer, with the realm of the session asked for',
  required: true,
  schema: { type: 'string', pattern: '^Bearer' },
};

/**
 * Error answers shared by routes, from what the route is: guarded, rate-limited, taking a body,
 * behind CaUnavailableFilter. What only a handler knows (404, 409, …) its controller says with
 * @nestjs/swagger's @Api…Response decorators; this adds the problem body to those too.
 */
export function sharedProblemResponses(route: RouteFacts, method: string, path: string, guarded: boolean): Record<string, ResponseObject> {
  const responses: Record<string, ResponseObject> = {
    400: problem('invalid request: malformed JSON, or a field, path or query parameter refused (`errors` names each one)'),
  };
  if (guarded) {
    responses[401] = problem('no valid session: Authorization: Bearer <token> missing, unknown, expired or signed out', {
      'WWW-Authenticate': WWW_AUTHENTICATE,
    });
  }
  if (route.staffRoles) responses[403] = problem(`not for this staff role (allowed: ${route.staffRoles.join(', ')})`);
  else if (route.guards.some((guard) => guard === HolderAuthGuard || guard === StaffOrHolderAuthGuard)) {
    responses[403] = problem("this session does not give access to that subscription (another holder's)");
  }
  if (route.body || route.file) responses[413] = problem('request body (or an uploaded file) too large');
  if (isRateLimited(method, path)) {
    responses[429] = problem('too many requests to this route from this address (RATE_LIMIT_*); Retry-After says when to try again', {
      'Retry-After': RETRY_AFTER,
    });
  }
  if (route.filters.includes(CaUnavailableFilter)) {
    responses[503] = problem('the certification authority is not usable from this process (yet); Retry-After', { 'Retry-After': RETRY_AFTER });
  }
  responses.default = problem('any other error; a 500 says nothing more (the cause is in the server log, under the X-Request-Id)');
  return responses;
}

/** A handler's own error response (description only, from a decorator) gets the problem body and the headers it lacks. */
export function completeProblemResponse(response: ResponseObject, shared?: ResponseObject): ResponseObject {
  return {
    ...response,
    description: response.description || shared?.description || '',
    content: response.content ?? { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: PROBLEM_REF } } },
    headers: { ...shared?.headers, ...response.headers, 'X-Request-Id': REQUEST_ID_HEADER },
  };
}

function problem(description: string, headers: Record<string, ResponseHeader> = {}): ResponseObject {
  return {
    description,
    content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: PROBLEM_REF } } },
    headers: { ...headers, 'X-Request-Id': REQUEST_ID_HEADER },
  };
}

/** Matched as the rate limiter matches a request path; `{param}` segments stand for any value. */
function isRateLimited(method: string, path: string): boolean {
  const example = path.replace(/\{[^}]+\}/g, 'x');
  const groups = rateLimitedRoutes({
    RATE_LIMIT_WINDOW_SECONDS: 60,
    RATE_LIMIT_PUBLIC_REQUESTS: 1,
    RATE_LIMIT_SIGN_IN_REQUESTS: 1,
    RATE_LIMIT_OCSP_REQUESTS: 1,
  });
  return groups.some((group) => group.routes.some((route) => route.method === method.toUpperCase() && route.path.test(example)));
}
