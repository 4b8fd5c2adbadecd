import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { CERTIFICATE_PROFILES, REVOCATION_GROUNDS_LIST, type CertificateProfileName, type RevocationGround } from '#libs/domain';

/** A revocation (contract §9.1): a ground from the contract, both certificates unless some are named. */
export class RevocationDto {
  @IsIn(REVOCATION_GROUNDS_LIST, { message: `reason must be one of ${REVOCATION_GROUNDS_LIST.join(', ')}` })
  reason!: RevocationGround;

  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(2)
  @IsIn(CERTIFICATE_PROFILES, { each: true, message: 'certificates must list signature and/or authentication' })
  certificates?: CertificateProfileName[];

  /** When the key is known or suspected to have been compromised (RFC 5280 invalidityDate). */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'invalidityDate must be an ISO 8601 date' })
  invalidityDate?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}
