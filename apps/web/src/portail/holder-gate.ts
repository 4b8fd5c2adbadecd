import { html, type TemplateResult } from 'lit';
import type { SubscriptionView } from '../../../../libs/api-views/src/index.js';
import { ApiError } from '../shared/api-client.js';
import type { PageContext } from '../shared/router.js';
import { errorBox, loading } from '../shared/ui.js';
import { api, rememberSubscription } from './holder-session.js';
import { isOver, loadSubscription } from './holder-view.js';

/** Shown instead of a holder's page when no session is open in this tab. */
export function signInInvitation(title: string): TemplateResult {
  return html`<h1>${title}</h1>
    <div class="alert alert-info">
      <p>Pour accéder à votre demande, connectez-vous : nous vous envoyons un lien de connexion à l’adresse électronique
        de votre inscription. Il n’y a pas de mot de passe à retenir.</p>
    </div>
    <p><a class="button" href="/portail/connexion">Recevoir un lien de connexion</a></p>`;
}

/**
 * Loads the subscription of the URL for a page that needs a signed-in holder: the invitation to
 * sign in without a session, the refusal in words if the API refuses. Undefined when the page
 * has nothing more to show.
 */
export async function subscriptionFor(ctx: PageContext, title: string): Promise<SubscriptionView | undefined> {
  if (!api.session) {
    ctx.show(signInInvitation(title));
    return undefined;
  }
  ctx.show(html`<h1>${title}</h1>${loading()}`);
  try {
    const subscription = await loadRecorded(ctx.params['id']!, ctx.signal);
    // A session opens every cycle of the holder: the one on screen becomes "Ma demande", unless it
    // is over (an old cycle looked at while its renewal is in progress).
    if (!isOver(subscription)) rememberSubscription(subscription.id);
    return subscription;
  } catch (error) {
    if (!ctx.signal.aborted) ctx.show(html`<h1>${title}</h1>${errorBox(error)}<p><a href="/portail">Retour à l’accueil</a></p>`);
    return undefined;
  }
}

/** How long a page waits for a cycle just started (a renewal) to be recorded and to send its first mail. */
const RECORDING_PATIENCE_MS = 10_000;

/**
 * The subscription, once its workflow has recorded it past registration: a renewal answers as
 * soon as the next cycle is started, a moment before that cycle is readable (404, then REGISTERED).
 */
async function loadRecorded(id: string, signal: AbortSignal): Promise<SubscriptionView> {
  const giveUpAt = Date.now() + RECORDING_PATIENCE_MS;
  for (;;) {
    try {
      const subscription = await loadSubscription(id, signal);
      if (subscription.state !== 'REGISTERED' || Date.now() > giveUpAt) return subscription;
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404) || Date.now() > giveUpAt) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
    if (signal.aborted) throw new DOMException('left the page', 'AbortError');
  }
}

/** Focus the new title after a page swapped its content (the router does it on navigation only). */
export function focusTitle(): void {
  const heading = document.querySelector<HTMLElement>('main h1');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus();
  document.title = `${heading.textContent?.trim() ?? ''} — SIGNEXPERT`;
}
