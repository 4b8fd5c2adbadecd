import { ApiError } from './api-client.js';
import { actionLabel, stateLabel, stepLabel } from './labels.js';

// The API speaks English to programs; people read French. Each known refusal (the workflow
// validators' 409 reasons, the API's 4xx) gets its sentence; anything else keeps the API's words.

type Translation = [RegExp, (match: RegExpExecArray) => string];

/** "de" + "enregistrer" → "d’enregistrer", as French writes it. */
const elided = (word: string, next: string): string => (/^[aeiouyéèêh]/i.test(next) ? `${word.slice(0, -1)}’${next}` : `${word} ${next}`);

const ACTIONS: Record<string, string> = {
  'confirm an email address': 'confirmer l’adresse électronique',
  'submit documents': 'déposer des documents',
  'review the request': 'examiner la demande',
  'record a payment': 'enregistrer un paiement',
  'record a hand-over': 'enregistrer une remise',
  renew: 'renouveler',
  'report a change': 'déclarer une modification',
};

const TRANSLATIONS: Translation[] = [
  [/^cannot (.+): the subscription is (\w+)$/, (m) => `Impossible ${elided('de', ACTIONS[m[1]!] ?? m[1]!)} : le dossier est à l’étape « ${stateLabel(m[2]!)} ».`],
  [/^the subscription has ended \((\w+)\)/, (m) => `Le dossier est clos (${stateLabel(m[1]!)}).`],
  [/^a reviewer cannot decide on their own request$/, () => 'Vous ne pouvez pas décider de votre propre demande.'],
  [/^a reason is required to (\w+)/, () => 'Un motif est obligatoire pour cette décision.'],
  [/^the payment is already recorded$/, () => 'Le paiement est déjà enregistré.'],
  [/^an agent of region (\S+) cannot (?:hand over a token of|act on) region (\S+)$/, (m) => `Un agent du CROEC ${m[1]} ne peut pas agir sur un dossier du CROEC ${m[2]}.`],
  [/^the (\w+) certificate is already revoked$/, (m) => `Le certificat ${m[1] === 'signature' ? 'de signature' : 'd’authentification'} est déjà révoqué.`],
  [/^there are no certificates yet/, () => 'Aucun certificat n’est encore émis : la demande peut seulement être annulée.'],
  [/^renewal already requested/, () => 'Le renouvellement est déjà demandé.'],
  [/^no change reported$/, () => 'Indiquez au moins une modification.'],
  [/^role (\S+) cannot/, () => 'Votre rôle ne permet pas cette action.'],
  [/^a holder cannot revoke on ground/, () => 'Ce motif de révocation est réservé à l’autorité.'],
  [/^ground (\S+) is set by the system only$/, () => 'Ce motif est réservé au système : choisissez-en un autre.'],
  [/^No bulk revocation /, () => 'Cette révocation groupée est introuvable.'],
  [/^this confirmation link has expired$/, () => 'Ce lien de confirmation a expiré.'],
  [/^this confirmation link is not valid/, () => 'Ce lien de confirmation n’est pas valable (déjà utilisé ou erroné).'],
  [/^this sign-in link is not valid/, () => 'Ce lien de connexion n’est pas valable : il a déjà servi ou a expiré. Demandez-en un nouveau.'],
  [/^this bulk revocation is already approved$/, () => 'Cette révocation groupée est déjà approuvée.'],
  [/^this bulk revocation has already run$/, () => 'Cette révocation groupée a déjà été exécutée.'],
  [/^a second, different officer must approve/, () => 'Un second responsable, différent de celui qui l’a ordonnée, doit l’approuver.'],
  [/^Registration number (\S+) already has a subscription in progress \((\w+)\)/, (m) => `Le numéro d’inscription ${m[1]} a déjà une demande en cours (${stateLabel(m[2]!)}).`],
  [/^The login or the password is incorrect/, () => 'Identifiant ou mot de passe incorrect.'],
  [/^Too many failed sign-ins for this login: try again in (\d+)/, (m) => `Trop d’essais infructueux : réessayez dans ${m[1]} minute(s).`],
  [/^Too many requests/, () => 'Trop de demandes depuis votre poste : patientez quelques instants.'],
  [/^the subscription did not answer in time/, () => 'Le dossier n’a pas répondu à temps ; rien n’est perdu, réessayez.'],
  [/^this session does not give access/, () => 'Ce dossier n’est pas le vôtre.'],
  [/^This action requires one of the roles/, () => 'Votre rôle ne permet pas cette action.'],
  [/^a payment reference is required$/, () => 'Indiquez la référence du paiement.'],
  [/^amountCents must be a positive integer$/, () => 'Le montant du paiement doit être positif.'],
  [/^No subscription /, () => 'Ce dossier est introuvable.'],
  [/^No document /, () => 'Cette copie de pièce d’identité est introuvable (elle a pu être effacée au terme de sa durée de conservation).'],
  // Incidents (the subscription workflow's refusals of a staff decision, and of a request while a cycle is held).
  [/^incident \S+ is not open on this subscription$/, () => 'Cet incident n’est plus ouvert sur ce dossier : il a déjà été traité, ou un autre l’a remplacé. Actualisez la liste.'],
  [/^incident \S+ was closed /, () => 'Cet incident est déjà clos : quelqu’un l’a traité entre-temps. Actualisez la liste.'],
  [/^No incident /, () => 'Cet incident est introuvable.'],
  [
    /^cannot (\w+) at step (\w+): the incident offers (.*)$/,
    (m) => `« ${actionLabel(m[1]!)} » n’est pas possible à l’étape « ${stepLabel(m[2]!)} » : choisissez parmi ${m[3]!.split(', ').map((a) => `« ${actionLabel(a)} »`).join(', ')}.`,
  ],
  [/^the holder proved the email address: staff cannot replace it/, () => 'Le titulaire a confirmé son adresse électronique : le personnel ne peut pas la remplacer (contrat, § 4.1).'],
  [/^these details are in the certificates:/, () => 'Ces informations figurent dans les certificats : les corriger revient à déclarer une modification, ce qui révoque les certificats.'],
  [/^a correction names at least one detail$/, () => 'Indiquez au moins une information à corriger.'],
  [/^a CRL publication can only be retried$/, () => 'Une publication de LCR ne peut qu’être relancée.'],
  // 503 "held by an incident": received and kept, carried out once staff have decided.
  [
    /^the (request|registration) was received.*: the subscription is held at step (\w+) by incident/,
    (m) => `Votre demande est bien reçue et conservée, mais le dossier est arrêté à l’étape « ${stepLabel(m[2]!)} » par un incident technique. Le service ECMA est prévenu ; la demande sera traitée dès qu’il l’aura résolu.`,
  ],
  [
    /^cannot (.+) now: the subscription is held at step (\w+) by an incident that ECMA staff must resolve first$/,
    (m) => `Impossible ${elided('de', ACTIONS[m[1]!] ?? m[1]!)} pour le moment : le dossier est bloqué à l’étape « ${stepLabel(m[2]!)} » par un incident que l’ECMA doit d’abord résoudre.`,
  ],
];

const BY_STATUS: Record<number, string> = {
  400: 'La demande est incomplète ou mal remplie.',
  401: 'Votre session a expiré : reconnectez-vous.',
  403: 'Vous n’avez pas accès à cette information.',
  404: 'Introuvable.',
  409: 'Action refusée.',
  413: 'Fichier trop volumineux.',
  415: 'Type de fichier non accepté.',
  429: 'Trop de demandes : patientez quelques instants.',
  503: 'Service momentanément indisponible : réessayez.',
};

/** A refusal in words, and the fields it concerns (to mark them in the form). */
export interface DescribedError {
  message: string;
  fields: { field: string; messages: string[] }[];
}

export function translateReason(reason: string): string | undefined {
  for (const [pattern, sentence] of TRANSLATIONS) {
    const match = pattern.exec(reason);
    if (match) return sentence(match);
  }
  return undefined;
}

export function describeError(error: unknown): DescribedError {
  if (!(error instanceof ApiError)) {
    return { message: 'Le serveur est injoignable : vérifiez votre connexion et réessayez.', fields: [] };
  }
  const translated = error.detail ? translateReason(error.detail) : undefined;
  const generic = BY_STATUS[error.status] ?? (error.status >= 500 ? 'Erreur du serveur : réessayez plus tard ; si elle persiste, prévenez le support.' : 'Action refusée.');
  // A 409 whose reason we do not know yet still says why, in the API's words.
  const message = translated ?? (error.status === 409 && error.detail ? `${generic} (${error.detail})` : generic);
  return { message, fields: error.fields };
}
