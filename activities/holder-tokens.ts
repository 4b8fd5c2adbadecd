import { randomBytes } from 'node:crypto';
import type { Pkcs11Library, Pkcs11Token } from '#libs/ca-core';

/**
 * The holders' USB tokens behind PKCS#11 (SoftHSM in development and tests). One token per
 * subscription cycle, labelled from the subscription id; the Security Officer PIN lets us set
 * the user PIN, i.e. the activation code, without ever knowing a previous one.
 */
export class HolderTokens {
  constructor(
    private readonly library: Pkcs11Library,
    private readonly soPin: string,
  ) {}

  /** PKCS#11 labels are at most 32 characters: a UUID without its dashes is exactly that. */
  static labelFor(subscriptionId: string): string {
    return subscriptionId.replaceAll('-', '');
  }

  /**
   * Opens the subscription's token logged in as user, initialising it first if it is blank. The
   * user PIN is reset to a throw-away value known only to this call: personalisation happens
   * before the real activation code is set (and a retry after a crash can always get back in).
   */
  async personalise<T>(tokenLabel: string, work: (token: Pkcs11Token) => Promise<T>): Promise<T> {
    if (!this.library.tokens().some((token) => token.label === tokenLabel)) this.library.initializeToken(tokenLabel, this.soPin);
    const token = this.library.openToken({ tokenLabel });
    try {
      const transientPin = randomBytes(12).toString('base64url');
      await token.setUserPin(this.soPin, transientPin);
      await token.login(transientPin);
      return await work(token);
    } finally {
      await token.close();
    }
  }

  /** Sets the activation code as the user PIN (contract §5): the caller prints it and forgets it. */
  async setActivationCode(tokenLabel: string, activationCode: string): Promise<void> {
    const token = this.library.openToken({ tokenLabel });
    try {
      await token.setUserPin(this.soPin, activationCode);
    } finally {
      await token.close();
    }
  }
}
