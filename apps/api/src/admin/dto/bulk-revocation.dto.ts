import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, Matches } from 'class-validator';
import { PERSON_REVOCATION_GROUNDS, type RevocationGround } from '#libs/domain';

/** A CSOEC decision revoking a list of holders (contract §9.1, last paragraph). */
export class BulkRevocationDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @ArrayUnique()
  @Matches(/^[0-9A-Z-]{4,32}$/, { each: true, message: 'registrationNumbers must each be 4 to 32 digits, capitals or dashes' })
  registrationNumbers!: string[];

  @IsIn(PERSON_REVOCATION_GROUNDS, { message: `reason must be one of ${PERSON_REVOCATION_GROUNDS.join(', ')}` })
  reason!: RevocationGround;

  @Matches(/^[\w./ -]{3,64}$/, { message: 'decisionReference must be 3 to 64 characters (letters, digits, ./ -)' })
  decisionReference!: string;
}
