import type { RegionCode } from '#libs/domain';
import { frenchDate, regionalCouncil } from './templates/french-format.js';
import type { Instant } from './templates/rendered-message.js';

/** What the letter says around the code. The code itself is not part of it: see activation-letter.ts. */
export interface ActivationLetterSubject {
  holder: {
    givenName: string;
    surname: string;
    /** Postal address, one line per element (street, postcode and town, …). */
    postalAddress: readonly string[];
  };
  region: RegionCode;
  /** Serial number (or label) of the USB token the code unlocks, so the holder can match them. */
  tokenReference: string;
  /** Date printed on the letter. */
  issuedAt: Instant;
}

/** The line just above the code: readers of the letter (and tests) find the code after it. */
export const ACTIVATION_CODE_LABEL = 'Votre code d’activation :';

export const SENDER_LINES = ['SIGNEXPERT – ECMA', 'Autorité d’Enregistrement de la profession comptable', 'www.signexpert.fr'] as const;

export interface ActivationLetterText {
  recipient: string[];
  dateLine: string;
  subjectLine: string;
  reference: string;
  introduction: string[];
  instructionsTitle: string;
  instructions: string[];
}

/** The French wording of the activation letter (contract §5, §7.2, §9.1, §12.2). */
export function activationLetterText(letter: ActivationLetterSubject): ActivationLetterText {
  const { holder } = letter;
  return {
    recipient: [`${holder.givenName} ${holder.surname}`, ...holder.postalAddress],
    dateLine: `Le ${frenchDate(letter.issuedAt)}`,
    subjectLine: 'Objet : code d’activation de votre clé SIGNEXPERT – STRICTEMENT CONFIDENTIEL',
    reference: `Clé cryptographique USB n° ${letter.tokenReference}`,
    introduction: [
      `Madame, Monsieur,`,
      'Vos certificats SIGNEXPERT de signature électronique et d’authentification ont été générés sur la clé cryptographique USB ' +
        `référencée ci-dessus. Cette clé vous sera remise en personne par un agent du ${regionalCouncil(letter.region)}, ` +
        'sur présentation des originaux de vos pièces justificatives.',
      'Le code d’activation ci-dessous protège l’accès à vos certificats. Il vous est adressé par courrier, séparément de la clé, ' +
        'et vous seul le connaissez : ni ECMA, ni le CROEC, ni ses agents n’en ont connaissance.',
    ],
    instructionsTitle: 'Consignes de sécurité',
    instructions: [
      'Ne conservez jamais ce code avec la clé USB : ne l’inscrivez pas sur la clé ni sur son étui, ne les rangez pas ensemble.',
      'Ne communiquez ce code à personne. Aucun agent d’ECMA ou du CROEC ne vous le demandera, ni lors de la remise de la clé, ni par téléphone ou par message.',
      'Mémorisez ce code ou conservez ce courrier en lieu sûr, à l’abri de toute perte ou divulgation.',
      'En cas de perte du code, ou si vous pensez qu’il a pu être divulgué, demandez sans délai la révocation de vos certificats sur www.signexpert.fr.',
    ],
  };
}
