import { IsString, MaxLength } from 'class-validator';

/** A certificate presented by the signing software (PEM, RFC 7468). */
export class SigningToolEntitlementDto {
  @IsString()
  @MaxLength(16_384, { message: 'certificate must be at most 16384 characters of PEM' })
  certificate!: string;
}
