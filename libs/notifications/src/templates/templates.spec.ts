import { describe, expect, it } from '@jest/globals';
import { REGIONS, REVOCATION_REASONS } from '#libs/domain';
import type { RenderedMessage } from './rendered-message.js';
import {
  REVOCATION_REASON_IN_WORDS,
  certificatesIssued,
  changeReported,
  deliveryAppointment,
  emailProofReminder,
  emailProofRequest,
  moreInformationRequested,
  registrationReceived,
  registrationRejected,
  renewalReminder,
  revocationNotice,
  reviewOverdue,
} from './index.js';

const holder = { givenName: 'Élodie', surname: 'Martin' };
const certificates = [
  { profile: 'signature', serialNumber: '5F3A9C01D2E4B677', notAfter: '2028-05-01T09:00:00Z' },
  { profile: 'authentication', serialNumber: '7B22E0F4A9C3D118', notAfter: '2028-05-01T09:00:00Z' },
] as const;
const PROOF_URL = 'https://www.signexpert.fr/preuve-email?token=tok_Zq8v3kP1xY7mN2sR';
/** What an activation code looks like; no template may ever print one (contract §7.2). */
const ACTIVATION_CODE = '73915468';

/** Every message, rendered from data that also carries a stray activation code, as a careless caller might pass. */
function renderAll(): Record<string, RenderedMessage> {
  const stray = { activationCode: ACTIVATION_CODE, pin: ACTIVATION_CODE };
  return {
    registrationReceived: registrationReceived({ ...stray, holder, reference: 'SX-2026-0042', region: 'IDF', receivedAt: '2026-03-02T08:00:00Z', followUpUrl: 'https://www.signexpert.fr/suivi' }),
    emailProofRequest: emailProofRequest({ ...stray, holder, proofUrl: PROOF_URL, expiresAt: '2026-03-04T08:00:00Z' }),
    emailProofReminder: emailProofReminder({ ...stray, holder, proofUrl: PROOF_URL, expiresAt: '2026-03-04T08:00:00Z' }),
    moreInformationRequested: moreInformationRequested({ ...stray, holder, reference: 'SX-2026-0042', staffMessage: 'La copie du passeport est illisible.', documentsUrl: 'https://www.signexpert.fr/pieces' }),
    registrationRejected: registrationRejected({ ...stray, holder, reference: 'SX-2026-0042', reason: 'Vous n’êtes pas inscrit au tableau de l’Ordre.' }),
    certificatesIssued: certificatesIssued({ ...stray, holder, reference: 'SX-2026-0042', region: 'NAQ', certificates }),
    deliveryAppointment: deliveryAppointment({ ...stray, holder, region: 'NAQ', appointmentAt: '2026-05-12T08:30:00Z', place: ['CROEC Nouvelle-Aquitaine', '12 rue de la Paix', '33000 Bordeaux'] }),
    renewalReminder: renewalReminder({ ...stray, holder, daysLeft: 30, certificates, renewalUrl: 'https://www.signexpert.fr/renouveler' }),
    revocationNotice: revocationNotice({ ...stray, holder, certificates, reason: 'keyCompromise', revokedAt: '2026-09-01T12:00:00Z' }),
    reviewOverdue: reviewOverdue({ ...stray, supervisorName: 'Paul Durand', overdueAfterHours: 48, reviews: [{ reference: 'SX-2026-0042', region: 'IDF', waitingSince: '2026-03-02T08:00:00Z' }], queueUrl: 'https://backoffice.signexpert.fr/revues' }),
    changeReported: changeReported({ ...stray, holder, changes: ['adresse électronique'], currentCertificates: 'valid-until-replaced', newCycleUrl: 'https://www.signexpert.fr/nouveau-cycle' }),
  };
}

describe('message templates', () => {
  const all = renderAll();

  it.each(Object.entries(all))('%s: a one-line SIGNEXPERT subject, French greeting and signature', (_name, rendered) => {
    expect(rendered.subject).toMatch(/^SIGNEXPERT – \S/);
    expect(rendered.subject).not.toMatch(/[\r\n]/);
    expect(rendered.text).toMatch(/^Bonjour [^\n]+,\n/);
    expect(rendered.text).toContain('Cordialement,');
    expect(rendered.text).not.toMatch(/undefined|null|NaN|\[object Object\]|Invalid Date/);
  });

  it.each(Object.entries(all))('%s: never prints an activation code (contract §7.2)', (_name, rendered) => {
    expect(`${rendered.subject}\n${rendered.text}\n${rendered.html ?? ''}`).not.toContain(ACTIVATION_CODE);
  });

  it('shows the email-proof link only in the messages sent to prove the address', () => {
    const withLink = Object.entries(all).filter(([, rendered]) => rendered.text.includes('tok_Zq8v3kP1xY7mN2sR'));
    expect(withLink.map(([name]) => name).sort()).toEqual(['emailProofReminder', 'emailProofRequest']);
  });

  it('registration received: reference, date, regional council, follow-up page (§4.1, §4.2)', () => {
    const { subject, text } = all.registrationReceived;
    expect(subject).toBe('SIGNEXPERT – Votre demande de certificats a bien été reçue');
    expect(text).toContain('Bonjour Élodie Martin,');
    expect(text).toContain('le 2 mars 2026');
    expect(text).toContain('SX-2026-0042');
    expect(text).toContain(REGIONS.IDF);
    expect(text).toContain('https://www.signexpert.fr/suivi');
    expect(text).toContain('pièce d’identité officielle');
  });

  it('email proof: the link and its expiry in Paris time; the reminder says so and warns of abandonment', () => {
    expect(all.emailProofRequest.subject).toBe('SIGNEXPERT – Confirmez votre adresse électronique');
    expect(all.emailProofRequest.text).toContain(`\n\n${PROOF_URL}\n\n`);
    expect(all.emailProofRequest.text).toContain('expire le 4 mars 2026 à 09:00');
    expect(all.emailProofReminder.subject).toBe('SIGNEXPERT – Rappel : confirmez votre adresse électronique');
    expect(all.emailProofReminder.text).toContain(PROOF_URL);
    expect(all.emailProofReminder.text).toContain('Sans confirmation avant le 4 mars 2026 à 09:00, votre demande sera abandonnée');
  });

  it('more information: quotes the staff message and gives the page to answer on', () => {
    const { text } = moreInformationRequested({
      holder,
      reference: 'SX-1',
      staffMessage: 'La copie est illisible.\nMerci d’en déposer une nouvelle.',
      documentsUrl: 'https://www.signexpert.fr/pieces',
      respondBy: '2026-04-01T10:00:00Z',
    });
    expect(text).toContain('> La copie est illisible.\n> Merci d’en déposer une nouvelle.');
    expect(text).toContain('https://www.signexpert.fr/pieces');
    expect(text).toContain('avant le 1er avril 2026');
  });

  it('rejection: gives the reason', () => {
    expect(all.registrationRejected.subject).toBe('SIGNEXPERT – Votre demande de certificats n’a pas pu être acceptée');
    expect(all.registrationRejected.text).toContain('Vous n’êtes pas inscrit au tableau de l’Ordre.');
    expect(all.registrationRejected.text).toContain('SX-2026-0042');
  });

  it('certificates issued: both serials and end dates, token to the CROEC, code by post separately (§5, §6, §12.2)', () => {
    const { subject, text } = all.certificatesIssued;
    expect(subject).toBe('SIGNEXPERT – Vos certificats ont été émis');
    expect(text).toContain('certificat de signature électronique, n° de série 5F3A9C01D2E4B677, valable jusqu’au 1er mai 2028');
    expect(text).toContain('certificat d’authentification, n° de série 7B22E0F4A9C3D118, valable jusqu’au 1er mai 2028');
    expect(text).toContain(REGIONS.NAQ);
    expect(text).toContain('par courrier postal');
    expect(text).toContain('Ne conservez jamais ce code avec la clé');
  });

  it('delivery appointment: date and time in Paris, place, originals to bring (§6.2)', () => {
    const { subject, text } = all.deliveryAppointment;
    expect(subject).toBe('SIGNEXPERT – Rendez-vous pour la remise de votre clé');
    expect(text).toContain('le 12 mai 2026 à 10:30 (heure de Paris)');
    expect(text).toContain('  CROEC Nouvelle-Aquitaine\n  12 rue de la Paix\n  33000 Bordeaux');
    expect(text).toContain('originaux');
  });

  it.each([90, 30, 7] as const)('renewal reminder at %i days: the count, the serials and their end date (§13.1)', (daysLeft) => {
    const { subject, text } = renewalReminder({ holder, daysLeft, certificates, renewalUrl: 'https://www.signexpert.fr/renouveler' });
    expect(subject).toBe(`SIGNEXPERT – Vos certificats expirent dans ${daysLeft} jours`);
    expect(text).toContain(`dans ${daysLeft} jours`);
    expect(text).toContain('5F3A9C01D2E4B677, valable jusqu’au 1er mai 2028');
    expect(text).toContain('7B22E0F4A9C3D118, valable jusqu’au 1er mai 2028');
    expect(text).toContain('https://www.signexpert.fr/renouveler');
  });

  it('revocation notice: which certificates, the reason in words, the date, the revocation list (§9.2)', () => {
    const { subject, text } = all.revocationNotice;
    expect(subject).toBe('SIGNEXPERT – Vos certificats ont été révoqués');
    expect(text).toContain('5F3A9C01D2E4B677');
    expect(text).toContain('7B22E0F4A9C3D118');
    expect(text).toContain('le 1er septembre 2026 à 14:00 (heure de Paris)');
    expect(text).toContain(`Motif : ${REVOCATION_REASON_IN_WORDS.keyCompromise}.`);
    expect(text).toContain('https://www.signexpert.fr/WebContent/telechargements.html');
  });

  it('revocation notice of one certificate speaks of it alone', () => {
    const { subject, text } = revocationNotice({ holder, certificates: [certificates[1]], reason: 'superseded', revokedAt: '2026-09-01T12:00:00Z' });
    expect(subject).toBe('SIGNEXPERT – Votre certificat a été révoqué');
    expect(text).toContain('Le certificat SIGNEXPERT suivant a été révoqué');
    expect(text).not.toContain('5F3A9C01D2E4B677');
  });

  it.each(REVOCATION_REASONS)('revocation reason %s has its own French wording, used in the notice', (reason) => {
    const words = REVOCATION_REASON_IN_WORDS[reason];
    expect(words).toMatch(/[a-zé]/);
    expect(Object.values(REVOCATION_REASON_IN_WORDS).filter((other) => other === words)).toHaveLength(1);
    expect(revocationNotice({ holder, certificates, reason, revokedAt: '2026-09-01T12:00:00Z' }).text).toContain(words);
  });

  it('review overdue: to the supervisor, counts and lists references with region and waiting time, no holder data (§7.1)', () => {
    const { subject, text } = reviewOverdue({
      supervisorName: 'Paul Durand',
      overdueAfterHours: 48,
      reviews: [
        { reference: 'SX-1', region: 'IDF', waitingSince: '2026-03-02T08:00:00Z' },
        { reference: 'SX-2', region: 'REU', waitingSince: '2026-03-03T08:00:00Z' },
      ],
      queueUrl: 'https://backoffice.signexpert.fr/revues',
    });
    expect(subject).toBe('SIGNEXPERT – 2 demandes attendent leur vérification');
    expect(text).toContain('Bonjour Paul Durand,');
    expect(text).toContain('depuis plus de 48 heures');
    expect(text).toContain(`SX-1 (${REGIONS.IDF}), en attente depuis le 2 mars 2026 à 09:00`);
    expect(text).toContain(`SX-2 (${REGIONS.REU})`);
    expect(text).toContain('https://backoffice.signexpert.fr/revues');
    expect(all.reviewOverdue.subject).toBe('SIGNEXPERT – 1 demande attend sa vérification');
  });

  it('change reported: lists the changes and offers the new cycle (§12.2, §9.1)', () => {
    const kept = all.changeReported.text;
    expect(kept).toContain('  - adresse électronique');
    expect(kept).toContain('https://www.signexpert.fr/nouveau-cycle');
    expect(kept).toContain('restent utilisables jusqu’à la remise des nouveaux');
    const revoked = changeReported({ holder, changes: ['nom d’usage', 'cabinet'], currentCertificates: 'revoked', newCycleUrl: 'https://x.test/n' }).text;
    expect(revoked).toContain('  - nom d’usage\n  - cabinet');
    expect(revoked).toContain('Vos certificats actuels ont été révoqués.');
  });

  it('refuses to render a message that would list no certificate, review or change', () => {
    const revokedAt = '2026-09-01T12:00:00Z';
    expect(() => renewalReminder({ holder, daysLeft: 7, certificates: [], renewalUrl: 'u' })).toThrow(/at least one/);
    expect(() => certificatesIssued({ holder, reference: 'SX-1', region: 'IDF', certificates: [] })).toThrow(/at least one/);
    expect(() => revocationNotice({ holder, certificates: [], reason: 'superseded', revokedAt })).toThrow(/at least one/);
    expect(() => reviewOverdue({ supervisorName: 'P', overdueAfterHours: 48, reviews: [], queueUrl: 'u' })).toThrow(/at least one/);
    expect(() => changeReported({ holder, changes: [], currentCertificates: 'revoked', newCycleUrl: 'u' })).toThrow(/at least one/);
  });
});
