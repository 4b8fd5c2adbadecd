import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, Equals, IsArray, IsAscii, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';
import { CURRENT_CONDITIONS_VERSION, REGION_CODES, type RegionCode } from '#libs/domain';
import { IsCleanText } from '../../http/text-policy.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Registration on the SIGNEXPERT site (contract §4.1): identity, professional email, Ordre number, region. */
export class RegisterSubscriptionDto {
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsCleanText()
  givenName!: string;

  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsCleanText()
  @FitsCommonName()
  surname!: string;

  @Transform(trim)
  @IsEmail({ allow_utf8_local_part: false }, { message: 'email must be a valid email address' })
  @IsAscii({ message: 'email must be an ASCII address: it is written in the certificates (RFC 5280 rfc822Name)' })
  @MaxLength(254)
  @IsCleanText()
  email!: string;

  /** Number on the roll of the Ordre des experts-comptables. */
  @Transform(trim)
  @IsString()
  @Matches(/^[0-9A-Z-]{4,32}$/, { message: 'registrationNumber must be 4 to 32 digits, capitals or dashes' })
  registrationNumber!: string;

  @IsIn(REGION_CODES, { message: `region must be one of ${REGION_CODES.join(', ')}` })
  region!: RegionCode;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  @IsCleanText()
  firm?: string;

  /** Where the activation letter is posted (contract §5): 2 to 5 lines (street, postcode and town…). */
  @IsArray()
  @ArrayMinSize(2, { message: 'postalAddress must have 2 to 5 lines' })
  @ArrayMaxSize(5, { message: 'postalAddress must have 2 to 5 lines' })
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true, message: 'postalAddress lines must be at most 100 characters' })
  @IsCleanText('line', { each: true })
  postalAddress!: string[];

  /** The holder accepts the general conditions in force; we record which version and when. */
  @Equals(CURRENT_CONDITIONS_VERSION, {
    message: `acceptedConditionsVersion must be the version in force (${CURRENT_CONDITIONS_VERSION})`,
  })
  acceptedConditionsVersion!: string;
}

/** RFC 5280 ub-common-name: the certificates' common name is "givenName surname", at most 64 characters. */
const COMMON_NAME_UPPER_BOUND = 64;

function FitsCommonName(): PropertyDecorator {
  return ValidateBy({
    name: 'fitsCommonName',
    validator: {
      validate: (surname: unknown, args) => {
        const givenName = (args?.object as { givenName?: unknown }).givenName;
        if (typeof surname !== 'string' || typeof givenName !== 'string') return true;
        return `${givenName.trim()} ${surname.trim()}`.normalize('NFC').length <= COMMON_NAME_UPPER_BOUND;
      },
      defaultMessage: () => `givenName and surname together must be at most ${COMMON_NAME_UPPER_BOUND - 1} characters: the certificates' common name is both (RFC 5280)`,
    },
  });
}
