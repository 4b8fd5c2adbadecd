import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { StaffActor } from '#libs/domain';
import type { AuthenticatedHolder, AuthenticatedRequest } from './authenticated-request.js';

/** The signed-in staff member (under StaffAuthGuard or @Roles). */
export const CurrentStaff = createParamDecorator((_: unknown, context: ExecutionContext): StaffActor | undefined => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().staffActor;
});

/** The signed-in holder `{ kind: 'holder', subscriptionId, subscriptionIds }` (under HolderAuthGuard). */
export const CurrentHolder = createParamDecorator((_: unknown, context: ExecutionContext): AuthenticatedHolder | undefined => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().holderActor;
});

/** Whoever is signed in (under StaffOrHolderAuthGuard). */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): StaffActor | AuthenticatedHolder | undefined => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  return request.staffActor ?? request.holderActor;
});
