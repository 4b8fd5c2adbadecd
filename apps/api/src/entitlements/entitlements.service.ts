import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { fromPem, parseCertificate, type ParsedCertificate } from '#libs/ca-core';
import { CertificateRecord } from '#libs/persistence';
import { signingToolEntitlement, type SigningToolEntitlement } from './signing-tool-entitlement.js';

@Injectable()
export class EntitlementsService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Our record of the certificate decides, not the certificate alone: its serial must be ours and its bytes identical. */
  async signingTool(pem: string, now = new Date()): Promise<SigningToolEntitlement> {
    const certificate = readCertificate(pem);
    const record = await this.dataSource.getRepository(CertificateRecord).findOneBy({ serial: certificate.serialNumber });
    const issued = record && record.der.equals(certificate.der) ? { revokedAt: record.revokedAt } : null;
    return signingToolEntitlement(certificate, issued, now);
  }
}

function readCertificate(pem: string): ParsedCertificate {
  try {
    return parseCertificate(fromPem(pem, 'CERTIFICATE'));
  } catch {
    throw new BadRequestException({
      title: 'invalid request',
      detail: 'Invalid fields: certificate',
      errors: [{ field: 'certificate', messages: ['certificate must be one X.509 certificate in PEM (-----BEGIN CERTIFICATE-----)'] }],
    });
  }
}
