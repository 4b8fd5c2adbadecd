import { describe, expect, it } from '@jest/globals';
import { ApiError } from './api-client.js';
import { describeError, translateReason } from './errors.js';

// The incidents' refusals (workflows/subscription-cycle.ts), as shared/errors.ts words them.
describe('incident refusals in words', () => {
  it('says an action is not offered at this step, and which ones are', () => {
    const error = new ApiError(409, 'refused by the subscription', 'cannot cancel at step recordTransition: the incident offers retry, correct');
    expect(describeError(error).message).toBe(
      '« Clore la demande » n’est pas possible à l’étape « Enregistrement de l’étape dans la base » : choisissez parmi « Relancer l’étape », « Corriger les informations du titulaire puis relancer ».',
    );
  });

  it('says the incident is no longer open', () => {
    expect(translateReason('incident 6f1c4a52-0d0e-4f4e-9a57-2d1f6a0b8c11 is not open on this subscription')).toMatch(/^Cet incident n’est plus ouvert/);
    expect(translateReason('incident 6f1c4a52-0d0e-4f4e-9a57-2d1f6a0b8c11 was closed (correct) on 2026-03-02T09:00:00.000Z')).toMatch(/^Cet incident est déjà clos/);
  });

  it('explains why an email or certified details cannot be corrected', () => {
    expect(translateReason('the holder proved the email address: staff cannot replace it (contract §4.1)')).toBe(
      'Le titulaire a confirmé son adresse électronique : le personnel ne peut pas la remplacer (contrat, § 4.1).',
    );
    expect(translateReason('these details are in the certificates: correcting them means reporting a change, which revokes the certificates')).toMatch(/^Ces informations figurent dans les certificats/);
  });

  it('says a request waits for the ECMA while the subscription is held, naming the step in French', () => {
    expect(translateReason('cannot renew now: the subscription is held at step recordTransition by an incident that ECMA staff must resolve first')).toBe(
      'Impossible de renouveler pour le moment : le dossier est bloqué à l’étape « Enregistrement de l’étape dans la base » par un incident que l’ECMA doit d’abord résoudre.',
    );
    expect(translateReason('cannot record a hand-over now: the subscription is held at step sealTokenAndPrintLetter by an incident that ECMA staff must resolve first')).toBe(
      'Impossible d’enregistrer une remise pour le moment : le dossier est bloqué à l’étape « Code d’activation et courrier » par un incident que l’ECMA doit d’abord résoudre.',
    );
  });

  it('says a request answered 503 "held by an incident" is received and kept, naming the step', () => {
    const error = new ApiError(
      503,
      'held by an incident',
      'the request was received; it will be carried out once the incident is resolved: the subscription is held at step recordTransition by incident 6f1c4a52-0d0e-4f4e-9a57-2d1f6a0b8c11 (DatabaseRefusal); ECMA staff have been alerted',
    );
    expect(describeError(error).message).toMatch(/^Votre demande est bien reçue et conservée, mais le dossier est arrêté à l’étape « Enregistrement de l’étape dans la base »/);
  });

  it('leaves the existing translations as they were', () => {
    expect(translateReason('cannot renew: the subscription is EXPIRED')).toBe('Impossible de renouveler : le dossier est à l’étape « Certificats expirés ».');
  });
});
