// French words for the API's codes: states, certificate profiles, revocation grounds, roles.

export const STATE_LABELS: Record<string, string> = {
  REGISTERED: 'Inscription enregistrée',
  AWAITING_EMAIL_PROOF: 'En attente de confirmation de l’adresse électronique',
  AWAITING_DOCUMENTS: 'En attente de la copie de la pièce d’identité',
  IN_REVIEW: 'Dossier en cours de vérification',
  AWAITING_PAYMENT: 'En attente du paiement',
  ISSUING: 'Certificats en cours d’émission',
  AWAITING_DELIVERY: 'Support prêt à être remis au CROEC',
  ACTIVE: 'Certificats actifs',
  EXPIRED: 'Certificats expirés',
  RENEWED: 'Renouvelé',
  REVOKED: 'Certificats révoqués',
  CANCELLED: 'Demande annulée',
  ABANDONED: 'Demande abandonnée',
  REJECTED: 'Demande refusée',
};

export const stateLabel = (state: string): string => STATE_LABELS[state] ?? state;

export const PROFILE_LABELS: Record<string, string> = {
  signature: 'Signature',
  authentication: 'Authentification',
};

export const profileLabel = (profile: string): string => PROFILE_LABELS[profile] ?? profile;

/** Revocation grounds (contract §9.1) a person may choose; the system sets the others. */
export const REVOCATION_GROUND_LABELS: Record<string, string> = {
  'key-compromise': 'Compromission de la clé (support perdu ou volé)',
  'activation-code-compromised': 'Code d’activation divulgué',
  'activation-code-lost': 'Code d’activation perdu',
  'information-inaccurate': 'Informations du certificat devenues inexactes',
  'holder-request': 'Demande du titulaire, sans autre motif',
  'obligations-not-respected': 'Non-respect des conditions d’utilisation',
  'authority-decision': 'Décision de l’autorité (AC, CROEC ou CSOEC)',
};

/** The grounds a holder may give for their own certificates. */
export const HOLDER_REVOCATION_GROUNDS = ['key-compromise', 'activation-code-compromised', 'activation-code-lost', 'information-inaccurate', 'holder-request'];

export const ROLE_LABELS: Record<string, string> = {
  'ecma-operator': 'Opérateur ECMA',
  'croec-agent': 'Agent CROEC',
  'csoec-officer': 'Responsable CSOEC',
  'ca-officer': 'Responsable de l’AC',
  auditor: 'Auditeur',
};

export const roleLabel = (role: string): string => ROLE_LABELS[role] ?? role;

/** RFC 5280 reason codes, as the certificates' status shows them (the ground a person chose maps to one). */
export const REVOCATION_REASON_LABELS: Record<string, string> = {
  unspecified: 'sans motif précisé',
  keyCompromise: 'compromission de la clé',
  cACompromise: 'compromission de l’AC',
  affiliationChanged: 'informations devenues inexactes',
  superseded: 'remplacé par un renouvellement',
  cessationOfOperation: 'cessation d’usage',
  privilegeWithdrawn: 'retrait du droit d’usage',
};

export const revocationReasonLabel = (reason: string): string => REVOCATION_REASON_LABELS[reason] ?? reason;

/** Every ground, including those the system alone sets, for reading what was decided. */
export const revocationGroundLabel = (ground: string): string =>
  REVOCATION_GROUND_LABELS[ground] ??
  ({ 'identity-not-verified': 'Identité non vérifiée à la remise', 'token-not-delivered': 'Support jamais retiré', superseded: 'Remplacé par un renouvellement', 'closed-after-incident': 'Demande close après un incident' } as Record<string, string>)[ground] ??
  ground;

// ---- incidents (apps/web/src/console/incidents; the error texts name steps and actions too)

/** The activity that failed (IncidentItem.step), as staff read it. */
export const STEP_LABELS: Record<string, string> = {
  claimRegistrationNumber: 'Réservation du numéro d’inscription pour la demande',
  recordTransition: 'Enregistrement de l’étape dans la base',
  prepareEmailProof: 'Envoi du lien de confirmation de l’adresse électronique',
  sendEmailProof: 'Envoi du lien de confirmation de l’adresse électronique',
  notifyHolder: 'Message au titulaire',
  notifySupervisors: 'Message aux superviseurs',
  prepareIssuance: 'Préparation de l’émission',
  issueCertificates: 'Émission des certificats sur le support',
  sealTokenAndPrintLetter: 'Code d’activation et courrier',
  revokeCertificates: 'Révocation des certificats',
  requestCrlPublication: 'Demande de publication de la LCR',
  publishCrl: 'Publication de la LCR de la région',
};

export const stepLabel = (step: string): string => STEP_LABELS[step] ?? step;

export type IncidentActionName = 'retry' | 'correct' | 'skip' | 'cancel';

/** The decisions, in the order the form offers them. */
export const ACTION_ORDER: IncidentActionName[] = ['retry', 'correct', 'skip', 'cancel'];

export const ACTION_LABELS: Record<IncidentActionName, string> = {
  retry: 'Relancer l’étape',
  correct: 'Corriger les informations du titulaire puis relancer',
  skip: 'Passer ce message',
  cancel: 'Clore la demande',
};

export const actionLabel = (action: string): string => ACTION_LABELS[action as IncidentActionName] ?? action;
