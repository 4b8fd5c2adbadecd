import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsCleanText } from '../../http/text-policy.js';

/** The CROEC agent's record of the in-person hand-over (contract §6.2). */
export class HandOverDto {
  /** The agent saw the original ID documents. */
  @IsBoolean()
  originalsChecked!: boolean;

  /** The originals match the copies of the file. */
  @IsBoolean()
  documentsMatch!: boolean;

  @IsOptional()
  @Matches(/^[\w-]{1,64}$/, { message: 'tokenSerial must be 1 to 64 letters, digits or dashes' })
  tokenSerial?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsCleanText('multiline')
  note?: string;
}
