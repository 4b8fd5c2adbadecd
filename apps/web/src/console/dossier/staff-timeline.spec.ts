import { describe, expect, it } from '@jest/globals';
import { staffNote, staffTimeline } from './staff-timeline.js';

describe('the workflow notes in French for the console', () => {
  it('translates the notes the workflow writes', () => {
    expect(staffNote('payment recorded: VIR-2026-118')).toBe('Paiement enregistré (référence VIR-2026-118)');
    expect(staffNote('key-compromise: signature and authentication revoked')).toBe(
      'Compromission de la clé (support perdu ou volé) : certificat(s) signature et authentification révoqué(s)',
    );
    expect(staffNote('changes reported: firm, email')).toBe('Changements signalés : cabinet, adresse électronique');
    expect(staffNote('renewal reminder, 30 days before expiry')).toBe('Rappel de renouvellement envoyé, 30 jours avant l’expiration');
    expect(staffNote('token T-0042 handed over')).toBe('Support n° T-0042 remis au titulaire');
  });

  it('keeps a reason typed by staff, and any note it does not know, as written', () => {
    expect(staffNote('La copie est illisible, merci de la renvoyer.')).toBe('La copie est illisible, merci de la renvoyer.');
    expect(staffTimeline([{ state: 'REJECTED', at: '2026-11-29T10:00:00Z', by: 'holder', note: 'Pièce expirée' }])).toEqual([
      { state: 'REJECTED', at: '2026-11-29T10:00:00Z', by: 'Le titulaire', note: 'Pièce expirée' },
    ]);
  });
});
