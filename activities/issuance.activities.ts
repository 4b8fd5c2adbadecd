import { Context } from '@temporalio/activity';
import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  ISSUING_CA_CERTIFICATE_LABEL,
  createHolderCertificationRequest,
  findOrGenerateHolderKeyPair,
  generateSerialNumber,
  holderKeyLabel,
  storeHolderCertificate,
  storeIssuingCaCertificate,
  toDer,
  type PkiHierarchy,
} from '#libs/ca-core';
import { CERTIFICATE_PROFILES, type CertificateProfileName, type HolderRegistration } from '#libs/domain';
import { writeActivationLetter } from '#libs/notifications';
import { CertificateRecord, IssuanceIntentRecord } from '#libs/persistence';
import { HolderTokens } from './holder-tokens.js';
import type { IssuanceActivities, IssuedCertificateSummary } from './lifecycle-activities.js';

export interface IssuanceDependencies {
  dataSource: DataSource;
  hierarchy: PkiHierarchy;
  tokens: HolderTokens;
  /** Where activation letters wait for the print-and-post service. */
  postalSpool: string;
}

/** Activation codes: 8 digits from the CSPRNG, typed on a token's PIN pad or keyboard. */
const ACTIVATION_CODE_DIGITS = 8;

export function createIssuanceActivities(deps: IssuanceDependencies): IssuanceActivities {
  const intents = deps.dataSource.getRepository(IssuanceIntentRecord);
  const certificates = deps.dataSource.getRepository(CertificateRecord);

  async function intentOf(subscriptionId: string): Promise<IssuanceIntentRecord> {
    const intent = await intents.findOneBy({ subscriptionId });
    if (!intent) throw new Error(`no issuance intent for subscription ${subscriptionId}`);
    return intent;
  }

  return {
    async prepareIssuance({ subscriptionId, region }) {
      await intents
        .createQueryBuilder()
        .insert()
        .values({
          subscriptionId,
          region,
          signatureSerial: generateSerialNumber(),
          authenticationSerial: generateSerialNumber(),
          tokenLabel: HolderTokens.labelFor(subscriptionId),
          createdAt: new Date(),
          completedAt: null,
        })
        .orIgnore() // a retry finds the intent of the first attempt and keeps its serials
        .execute();
      const { signatureSerial, authenticationSerial } = await intentOf(subscriptionId);
      return { signatureSerial, authenticationSerial };
    },

    async issueCertificates({ subscriptionId, registration, issuedAt }) {
      const intent = await intentOf(subscriptionId);
      const authority = deps.hierarchy.issuing.get(registration.region);
      if (!authority) throw new Error(`no issuing CA for region ${registration.region}`);
      const { issuer } = authority;
      return deps.tokens.personalise(intent.tokenLabel, async (token) => {
        const onToken = new Set((await token.certificates()).map((c) => c.label));
        const issued: IssuedCertificateSummary[] = [];
        for (const profile of CERTIFICATE_PROFILES) {
          heartbeat(); // a worker that dies here is noticed within the heartbeat timeout
          const serial = profile === 'signature' ? intent.signatureSerial : intent.authenticationSerial;
          let record = await certificates.findOneBy({ serial });
          if (!record) {
            const keyPair = await findOrGenerateHolderKeyPair(token, profile, 'P-256');
            const csr = await createHolderCertificationRequest(registration, keyPair);
            const certificate = await issuer.issue({ profile, csr, holder: registration, serial, now: new Date(issuedAt) });
            record = certificates.create({
              serial,
              subscriptionId,
              profile,
              region: registration.region,
              notBefore: new Date(certificate.notBefore),
              notAfter: new Date(certificate.notAfter),
              der: toDer(certificate.certificatePem, 'CERTIFICATE'),
              issuedAt: new Date(),
              revokedAt: null,
              revocationReason: null,
              invalidityDate: null,
            });
            // The serial is the primary key: a second signature under it can never be recorded.
            await certificates.createQueryBuilder().insert().values(record).orIgnore().execute();
            record = await certificates.findOneByOrFail({ serial });
          }
          if (!onToken.has(holderKeyLabel(profile))) await storeHolderCertificate(token, profile, record.der);
          issued.push(summary(profile, record));
        }
        if (!onToken.has(ISSUING_CA_CERTIFICATE_LABEL)) await storeIssuingCaCertificate(token, authority.ca.certificate.der);
        return issued;
      });
    },

    async sealTokenAndPrintLetter({ subscriptionId, registration }) {
      heartbeat();
      const intent = await intentOf(subscriptionId);
      const activationCode = newActivationCode();
      await deps.tokens.setActivationCode(intent.tokenLabel, activationCode);
      await writeActivationLetter(
        {
          spoolDirectory: deps.postalSpool,
          subscriptionCycleId: subscriptionId,
          holder: { givenName: registration.givenName, surname: registration.surname, postalAddress: postalAddressOf(registration) },
          region: registration.region,
          tokenReference: intent.tokenLabel,
          issuedAt: new Date(),
        },
        activationCode,
      );
      await intents.update({ subscriptionId }, { completedAt: new Date() });
    },
  };
}

function heartbeat(): void {
  try {
    Context.current().heartbeat();
  } catch {
    // called outside a Temporal activity: nobody to tell
  }
}

function newActivationCode(): string {
  return String(randomInt(0, 10 ** ACTIVATION_CODE_DIGITS)).padStart(ACTIVATION_CODE_DIGITS, '0');
}

function postalAddressOf(registration: HolderRegistration): string[] {
  return registration.postalAddress?.length ? registration.postalAddress : [registration.firm ?? '', `Conseil régional ${registration.region}`].filter(Boolean);
}

function summary(profile: CertificateProfileName, record: CertificateRecord): IssuedCertificateSummary {
  return {
    profile,
    serial: record.serial,
    region: record.region as IssuedCertificateSummary['region'],
    notBefore: record.notBefore.toISOString(),
    notAfter: record.notAfter.toISOString(),
  };
}
