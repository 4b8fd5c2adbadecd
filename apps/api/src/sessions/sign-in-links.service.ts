import { Inject, Injectable, Logger, UnauthorizedException, type OnApplicationShutdown } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Environment } from '#libs/config';
import { TERMINAL_STATES } from '#libs/domain';
import { Mailer, signInLink } from '#libs/notifications';
import { SignInLinkRecord, SubscriptionRecord } from '#libs/persistence';
import { HolderSessions } from '../auth/index.js';

/** Long enough to switch to the mailbox, short enough that a forwarded or leaked mail soon goes stale. */
export const SIGN_IN_LINK_TTL_MS = 15 * 60 * 1000;
/** Used and expired links are kept a day (for support questions), then deleted. */
const KEEP_STALE_LINKS_MS = 24 * 60 * 60 * 1000;

export interface RedeemedSignInLink {
  subscriptionId: string;
  session: { token: string; expiresAt: string };
}

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Magic-link sign-in for holders (contract §4.2: they follow their request on the site). The
 * mailbox is the credential, as for the email proof: a single-use token, 15 minutes, of which
 * only the SHA-256 is stored.
 */
@Injectable()
export class SignInLinks implements OnApplicationShutdown {
  private readonly logger = new Logger('SignInLinks');
  /** Mails still being sent after the 202; awaited at shutdown so none is cut off. */
  private readonly pending = new Set<Promise<void>>();

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Mailer) private readonly mailer: Mailer,
    @Inject(Environment) private readonly env: Environment,
    @Inject(HolderSessions) private readonly holderSessions: HolderSessions,
  ) {}

  /**
   * Answers at once, whatever the address: the lookup and the mail happen after the response, so
   * neither the answer nor its timing tells a caller whether the address is known.
   */
  request(email: string): void {
    const sending = this.sendIfKnown(email).catch((error: unknown) => {
      // No address in the log: it is personal data (contract §7.1).
      this.logger.error(`sign-in link not sent: ${error instanceof Error ? error.message : String(error)}`);
    });
    this.pending.add(sending);
    void sending.finally(() => this.pending.delete(sending));
  }

  /** Exchanges a live, unused link for a holder session; unknown, used and expired links get the same 401. */
  async redeem(token: string, now = new Date()): Promise<RedeemedSignInLink> {
    const [rows] = (await this.dataSource.query(
      `UPDATE sign_in_links SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING subscription_id`,
      [hashOf(token), now],
    )) as [{ subscription_id: string }[], number];
    const subscription = rows[0] && (await this.dataSource.getRepository(SubscriptionRecord).findOneBy({ id: rows[0].subscription_id }));
    if (!subscription) throw new UnauthorizedException({ title: 'invalid link', detail: 'this sign-in link is not valid (unknown, already used or expired)' });
    const session = await this.holderSessions.open({ subscriptionId: subscription.id }, now);
    return { subscriptionId: subscription.id, session: { token: session.token, expiresAt: session.expiresAt.toISOString() } };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  private async sendIfKnown(email: string, now = new Date()): Promise<void> {
    // The most recent cycle in progress with this address; the session opens every cycle registered with it.
    const subscription = await this.dataSource
      .getRepository(SubscriptionRecord)
      .createQueryBuilder('s')
      .where('lower(s.email) = lower(:email)', { email })
      .andWhere('s.state NOT IN (:...terminal)', { terminal: [...TERMINAL_STATES] })
      .orderBy('s.created_at', 'DESC')
      .getOne();
    if (!subscription) return;
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + SIGN_IN_LINK_TTL_MS);
    const links = this.dataSource.getRepository(SignInLinkRecord);
    await links.insert({ tokenHash: hashOf(token), subscriptionId: subscription.id, createdAt: now, expiresAt, usedAt: null });
    await links.createQueryBuilder().delete().where('expires_at <= :cutoff', { cutoff: new Date(now.getTime() - KEEP_STALE_LINKS_MS) }).execute();
    const url = new URL('portail/connexion', this.env.PUBLIC_BASE_URL.endsWith('/') ? this.env.PUBLIC_BASE_URL : `${this.env.PUBLIC_BASE_URL}/`);
    url.searchParams.set('token', token);
    await this.mailer.send({
      to: subscription.email,
      ...signInLink({ holder: subscription, signInUrl: url.toString(), expiresAt }),
      headers: { 'X-SignExpert-Reference': subscription.id },
    });
  }
}
