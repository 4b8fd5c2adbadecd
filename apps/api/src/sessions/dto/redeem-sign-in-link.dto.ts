import { Matches } from 'class-validator';

/** The token of the mailed sign-in link, as the sign-in page received it. */
export class RedeemSignInLinkDto {
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'token must be the 43-character token of the mailed link' })
  token!: string;
}
