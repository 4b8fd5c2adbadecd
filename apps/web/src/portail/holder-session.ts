import { ApiClient } from '../shared/api-client.js';

/** The holder pages' API client: the holder session (opened by an emailed link) lives in this tab only. */
export const api = new ApiClient('signexpert.holder', () => {
  if (!location.pathname.startsWith('/portail/connexion')) location.assign('/portail/connexion?expiree=1');
});

/** The subscription the holder's session opens (holder sessions are bound to one subscription). */
export function signedInSubscription(): string | undefined {
  return api.session ? (sessionStorage.getItem('signexpert.holder.subscription') ?? undefined) : undefined;
}

export function rememberSubscription(id: string): void {
  sessionStorage.setItem('signexpert.holder.subscription', id);
}
