import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { PERSON_REVOCATION_GROUNDS, type CertificateProfileName, type RevocationGround } from '#libs/domain';
import { IsCertificateProfileList } from '../../http/certificate-profile-list.js';
import { IsCleanText } from '../../http/text-policy.js';

/** A revocation (contract §9.1): a ground from the contract, both certificates unless some are named. */
export class RevocationDto {
  @IsIn(PERSON_REVOCATION_GROUNDS, { message: `reason must be one of ${PERSON_REVOCATION_GROUNDS.join(', ')}` })
  reason!: RevocationGround;

  @IsCertificateProfileList()
  certificates?: CertificateProfileName[];

  /** When the key is known or suspected to have been compromised (RFC 5280 invalidityDate). */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'invalidityDate must be an ISO 8601 date' })
  invalidityDate?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsCleanText('multiline')
  comment?: string;
}
