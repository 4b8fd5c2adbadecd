import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsAscii, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { INCIDENT_ACTIONS, type IncidentAction } from '#libs/contract';
import { IsCleanText } from '../../http/text-policy.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The holder's details as they should be (same rules as at registration). */
export class HolderCorrectionsDto {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsCleanText()
  givenName?: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsCleanText()
  surname?: string;

  @IsOptional()
  @Transform(trim)
  @IsEmail({ allow_utf8_local_part: false }, { message: 'email must be a valid email address' })
  @IsAscii({ message: 'email must be an ASCII address: it is written in the certificates (RFC 5280 rfc822Name)' })
  @MaxLength(254)
  email?: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  @IsCleanText()
  firm?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(2, { message: 'postalAddress must have 2 to 5 lines' })
  @ArrayMaxSize(5, { message: 'postalAddress must have 2 to 5 lines' })
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true, message: 'postalAddress lines must be at most 100 characters' })
  @IsCleanText('line', { each: true })
  postalAddress?: string[];
}

/** Staff's decision on an incident (DESIGN.md, "Incidents"). */
export class IncidentDecisionDto {
  @IsIn(INCIDENT_ACTIONS, { message: `action must be one of ${INCIDENT_ACTIONS.join(', ')}` })
  action!: IncidentAction;

  /** With `correct`. */
  @IsOptional()
  @ValidateNested()
  @Type(() => HolderCorrectionsDto)
  corrections?: HolderCorrectionsDto;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsCleanText('multiline')
  comment?: string;
}
