import { describe, expect, it } from '@jest/globals';
import { ApiError } from './api-client.js';
import { describeError, translateReason } from './errors.js';

describe('describeError: refusals in words people understand', () => {
  it('translates a workflow validator refusal, naming the step in French', () => {
    const error = new ApiError(409, 'refused by the subscription', 'cannot record a hand-over: the subscription is IN_REVIEW');
    expect(describeError(error).message).toBe('Impossible d’enregistrer une remise : le dossier est à l’étape « Dossier en cours de vérification ».');
  });

  it('elides "de" only before a vowel', () => {
    expect(translateReason('cannot renew: the subscription is EXPIRED')).toBe('Impossible de renouveler : le dossier est à l’étape « Certificats expirés ».');
  });

  it('says which regions when an agent acts outside theirs', () => {
    expect(translateReason('an agent of region BRE cannot hand over a token of region IDF')).toBe('Un agent du CROEC BRE ne peut pas agir sur un dossier du CROEC IDF.');
  });

  it('keeps an unknown 409 reason visible rather than hiding why', () => {
    const described = describeError(new ApiError(409, 'refused', 'some new rule'));
    expect(described.message).toBe('Action refusée. (some new rule)');
  });

  it('passes the refused fields on, so the form can mark them', () => {
    const fields = [{ field: 'email', messages: ['email must be a valid email address'] }];
    const described = describeError(new ApiError(400, 'invalid request', 'Invalid fields: email', fields));
    expect(described).toEqual({ message: 'La demande est incomplète ou mal remplie.', fields });
  });

  it('never shows a server error detail, and says the network is down when fetch failed', () => {
    expect(describeError(new ApiError(500, 'internal server error', undefined)).message).toMatch(/^Erreur du serveur/);
    expect(describeError(new TypeError('Failed to fetch')).message).toMatch(/injoignable/);
  });
});
