import { applyDecorators } from '@nestjs/common';
import { ApiConflictResponse, ApiServiceUnavailableResponse } from '@nestjs/swagger';

/**
 * Decorators for the error answers only a handler knows of. Dependency-free on purpose: every
 * controller may import this file without pulling the document builder (and its imports) in.
 * The document adds the problem+json body to each (openapi-document.ts).
 */

export type ResponseHeader = { description: string; required?: boolean; schema: Record<string, unknown> };

export const RETRY_AFTER: ResponseHeader = {
  description: 'seconds to wait before trying again',
  required: true,
  schema: { type: 'string', pattern: '^[0-9]+$' },
};

/** A route whose request goes to a subscription's workflow (an Update): its refusal, and Temporal not answering. */
export function ApiWorkflowProblems(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiConflictResponse({
      description: "refused by the subscription's workflow (not in a state that allows it; the reason is the detail), or the subscription has ended",
    }),
    ApiTemporalUnavailable(),
  );
}

/** A route that calls Temporal: held by an incident, no answer in time, or the service unreachable. */
export function ApiTemporalUnavailable(): MethodDecorator & ClassDecorator {
  return ApiServiceUnavailableResponse({
    description:
      'held by an incident (accepted; carried out once staff resolve it), or the workflow service did not answer in time ' +
      'or cannot be reached; Retry-After',
    headers: { 'Retry-After': RETRY_AFTER },
  });
}
