import { Inject, Injectable } from '@nestjs/common';
import { REGION_CODES } from '#libs/domain';
import { type VerificationReport, createOcspRequest, verifySignature } from '#libs/verification';
import { CaRepository, type PublishedCaCertificate } from '../pki/ca-repository.js';
import { OcspService } from '../pki/ocsp.service.js';
import { PublishedCrls } from '../pki/published-crls.js';

/**
 * Verifies signatures for relying parties against this CA's own root, its regional CAs, the CRLs
 * its publisher recorded and its OCSP responder, all read in-process. It follows no URL from the
 * signature or the certificates (no request to a place a client chose: SSRF).
 */
@Injectable()
export class VerificationsService {
  constructor(
    @Inject(CaRepository) private readonly ca: CaRepository,
    @Inject(PublishedCrls) private readonly crls: PublishedCrls,
    @Inject(OcspService) private readonly ocsp: OcspService,
  ) {}

  async verify(signature: Buffer, document: Buffer | undefined, now = new Date()): Promise<VerificationReport> {
    const root = await this.ca.caCertificate('root');
    const issuingCas: PublishedCaCertificate[] = [];
    for (const region of REGION_CODES) issuingCas.push(await this.ca.caCertificate(region));
    return verifySignature({
      signature,
      ...(document ? { content: document } : {}),
      trustAnchors: [root.der],
      intermediates: issuingCas.map((ca) => ca.der),
      fetchCrls: async (_certificate, issuer) => {
        const ca = issuingCas.find((candidate) => candidate.der.equals(issuer));
        const crl = ca ? await this.crls.latest(ca.name) : null;
        return crl ? [crl.der] : [];
      },
      ocsp: async (certificate, issuer) => (await this.ocsp.respond(Buffer.from(createOcspRequest(certificate, issuer)))).der,
      now,
    });
  }
}
