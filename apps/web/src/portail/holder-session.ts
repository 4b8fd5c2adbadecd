import { ApiClient } from '../shared/api-client.js';

/** The holder pages' API client: the holder session (opened by an emailed link) lives in this tab only. */
export const api = new ApiClient('signexpert.holder', () => {
  if (!location.pathname.startsWith('/portail/connexion')) location.assign('/portail/connexion?expiree=1');
});

const SUBSCRIPTION_SLOT = 'signexpert.holder.subscription';
const FLASH_SLOT = 'signexpert.holder.flash';

/** The subscription the holder's session opens (holder sessions are bound to one subscription). */
export function signedInSubscription(): string | undefined {
  return api.session ? (sessionStorage.getItem(SUBSCRIPTION_SLOT) ?? undefined) : undefined;
}

export function rememberSubscription(id: string): void {
  sessionStorage.setItem(SUBSCRIPTION_SLOT, id);
}

/** What POST /v1/subscriptions/email-confirmations and POST /v1/sessions/magic-link answer. */
export interface OpenedSession {
  subscriptionId: string;
  session: { token: string; expiresAt: string };
}

export function keepSession(opened: OpenedSession): void {
  api.session = opened.session;
  rememberSubscription(opened.subscriptionId);
}

export function forgetSession(): void {
  api.session = undefined;
  sessionStorage.removeItem(SUBSCRIPTION_SLOT);
}

/** A message for the next page to show once (e.g. "document received" above the status page). */
export function flash(message: string): void {
  sessionStorage.setItem(FLASH_SLOT, message);
}

export function takeFlash(): string | undefined {
  const message = sessionStorage.getItem(FLASH_SLOT) ?? undefined;
  sessionStorage.removeItem(FLASH_SLOT);
  return message;
}
