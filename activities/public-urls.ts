/**
 * Pages of the public site that mails link to. One place, so that the web front (issue 7) and the
 * messages agree on them.
 */
export class PublicUrls {
  constructor(private readonly base: string) {}

  emailConfirmation(): string {
    return this.url('/portail/confirmation');
  }

  followUp(subscriptionId: string): string {
    return this.url(`/portail/demandes/${subscriptionId}`);
  }

  documents(subscriptionId: string): string {
    return this.url(`/portail/demandes/${subscriptionId}/documents`);
  }

  renewal(subscriptionId: string): string {
    return this.url(`/portail/demandes/${subscriptionId}/renouvellement`);
  }

  newSubscription(): string {
    return this.url('/portail/inscription');
  }

  reviewQueue(): string {
    return this.url('/console/revues');
  }

  private url(path: string): string {
    return new URL(path, this.base.endsWith('/') ? this.base : `${this.base}/`).toString().replace(/([^:])\/\//g, '$1/');
  }
}
