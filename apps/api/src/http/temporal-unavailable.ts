import { ServiceUnavailableException } from '@nestjs/common';
import { ServiceError, isGrpcServiceError } from '@temporalio/client';

/** gRPC status codes (grpc/status.proto): the server is not there, or did not answer in time. */
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

/** How long a client is asked to wait when Temporal cannot be reached (a restart takes seconds). */
export const TEMPORAL_RETRY_AFTER_SECONDS = 30;

/** Temporal's frontend cannot be reached, or did not answer before the request's deadline. */
export function isTemporalUnavailable(error: unknown): boolean {
  const grpc = error instanceof ServiceError ? error.cause : error;
  return isGrpcServiceError(grpc) && (grpc.code === GRPC_UNAVAILABLE || grpc.code === GRPC_DEADLINE_EXCEEDED);
}

/** The answer then: nothing was started or changed, the request can simply be sent again. */
export function temporalUnavailable(): ServiceUnavailableException {
  return new ServiceUnavailableException({
    title: 'service temporarily unavailable',
    detail: 'the workflow service cannot be reached right now; nothing was recorded, try again shortly',
  });
}
