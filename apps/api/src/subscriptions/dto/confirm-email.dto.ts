import { Matches } from 'class-validator';

/** The token of the emailed link (contract §4.1), as the confirmation page received it. */
export class ConfirmEmailDto {
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'token must be the 43-character token of the emailed link' })
  token!: string;
}
