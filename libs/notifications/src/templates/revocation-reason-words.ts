import type { RevocationReason } from '#libs/domain';

/**
 * The RFC 5280 reasons as a holder understands them, in the contract's words where it has
 * them (§9.1). A Record, so that a reason added to the domain does not compile until it is worded.
 */
export const REVOCATION_REASON_IN_WORDS: Readonly<Record<RevocationReason, string>> = {
  unspecified: 'révocation sans motif précisé',
  keyCompromise: 'compromission, perte ou vol des données de création de signature confinées dans la clé, ou perte du code d’activation',
  cACompromise: 'compromission de l’Autorité de Certification',
  affiliationChanged: 'les informations du porteur figurant dans le certificat ne sont plus exactes',
  superseded: 'remplacement par de nouveaux certificats',
  cessationOfOperation: 'cessation d’activité',
  privilegeWithdrawn: 'retrait du droit d’usage (non-respect des modalités d’utilisation, ou décision du CROEC ou du CSOEC)',
};
