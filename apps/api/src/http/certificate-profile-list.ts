import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional } from 'class-validator';
import { CERTIFICATE_PROFILES } from '#libs/domain';

/**
 * The optional `certificates` field of a revocation request (holder's or staff's): the profiles
 * to revoke, each at most once; absent means both.
 */
export function IsCertificateProfileList(): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    IsArray(),
    ArrayUnique(),
    ArrayMaxSize(CERTIFICATE_PROFILES.length),
    IsIn(CERTIFICATE_PROFILES, { each: true, message: 'certificates must list signature and/or authentication' }),
  );
}
