import { describe, expect, it } from '@jest/globals';
import type { IncidentItem } from '../../../../../libs/api-views/src/index.js';
import { actionLabel, incidentSubject, kindLabel, offeredActions, outcomeSentence, stepLabel, whatHappened } from './incident-words.js';

const item = (overrides: Partial<IncidentItem> = {}): IncidentItem => ({
  id: '6f1c4a52-0d0e-4f4e-9a57-2d1f6a0b8c11',
  kind: 'subscription',
  subscriptionId: '0b7d8e4c-8a43-4b7e-b0c5-1d2e3f4a5b6c',
  region: 'BRE',
  step: 'recordTransition',
  error: { type: 'DatabaseRefusal', message: 'the database refused the row (23514)', retryable: false },
  actions: ['retry', 'correct'],
  openedAt: '2026-03-02T09:00:00.000Z',
  lastFailedAt: '2026-03-02T09:00:00.000Z',
  occurrences: 1,
  holder: { givenName: 'Camille', surname: 'Durand', registrationNumber: '3512345678', state: 'ACTIVE' },
  ...overrides,
});

describe('incidents in French', () => {
  it('names every step the workflows can fail at, and keeps an unknown one as is', () => {
    expect(stepLabel('recordTransition')).toBe('Enregistrement de l’étape dans la base');
    expect(stepLabel('prepareEmailProof')).toBe(stepLabel('sendEmailProof'));
    expect(stepLabel('sealTokenAndPrintLetter')).toBe('Code d’activation et courrier');
    expect(stepLabel('publishCrl')).toBe('Publication de la LCR de la région');
    expect(stepLabel('someNewStep')).toBe('someNewStep');
  });

  it('names the decisions and the kinds', () => {
    expect(actionLabel('retry')).toBe('Relancer l’étape');
    expect(actionLabel('correct')).toBe('Corriger les informations du titulaire puis relancer');
    expect(actionLabel('skip')).toBe('Passer ce message');
    expect(actionLabel('cancel')).toBe('Clore la demande');
    expect(kindLabel('crl')).toBe('Liste de révocation (LCR)');
  });

  it('offers only the actions the incident lists, in a fixed order', () => {
    expect(offeredActions({ actions: ['cancel', 'retry', 'correct'] })).toEqual(['retry', 'correct', 'cancel']);
    expect(offeredActions({ actions: ['retry', 'unknown'] })).toEqual(['retry']);
  });

  it('says whom the incident concerns: the holder, the region’s CRL, or a request not yet recorded', () => {
    expect(incidentSubject(item())).toBe('Camille Durand');
    expect(incidentSubject(item({ kind: 'crl', subscriptionId: null, holder: null, region: 'IDF' }))).toBe('LCR de la région Paris Île-de-France');
    expect(incidentSubject(item({ holder: null }))).toBe('Demande pas encore enregistrée');
  });

  it('tells in one sentence what happened, and whether retrying as is may help', () => {
    expect(whatHappened(item())).toBe('L’étape « Enregistrement de l’étape dans la base » a été refusée pour Camille Durand : la relancer telle quelle n’y changera rien.');
    expect(whatHappened(item({ step: 'notifyHolder', error: { type: 'SmtpError', message: 'timeout', retryable: true }, occurrences: 3 }))).toBe(
      'L’étape « Message au titulaire » a échoué pour Camille Durand après tous ses essais (3 fois) : la cause a pu disparaître depuis.',
    );
    expect(whatHappened(item({ kind: 'crl', step: 'publishCrl', holder: null, region: 'BRE' }))).toMatch(/^L’étape « Publication de la LCR de la région » a été refusée pour la LCR de la région Bretagne :/);
  });

  it('says what a decision led to: the new state, a new incident, or a CRL publication asked for', () => {
    expect(outcomeSentence('retry', { incidentId: 'x', state: 'AWAITING_PAYMENT' })).toEqual({ message: 'Étape relancée : le dossier est maintenant à l’étape « En attente du paiement ».', warning: false });
    expect(outcomeSentence('correct', { incidentId: 'x', state: 'ACTIVE' }).message).toBe('Informations corrigées et étape relancée : le dossier est maintenant à l’étape « Certificats actifs ».');
    expect(outcomeSentence('cancel', { incidentId: 'x', state: 'CANCELLED' }).message).toBe('Demande close : le dossier est maintenant à l’étape « Demande annulée ».');
    expect(outcomeSentence('skip', { incidentId: 'x' }).message).toBe('Message passé.');
    expect(outcomeSentence('retry', { incidentId: 'x', state: 'ISSUING', incident: { incidentId: 'y', step: 'issueCertificates', openedAt: '2026-03-02T09:00:00.000Z' } })).toEqual({
      message: 'Un nouvel incident s’est produit à la même étape (« Émission des certificats sur le support ») : il figure dans la liste ; examinez-le de nouveau.',
      warning: true,
    });
    expect(outcomeSentence('retry', { incidentId: 'x', publicationRequested: true }).message).toBe('Publication demandée ; l’incident se fermera à la publication de la LCR.');
  });
});
