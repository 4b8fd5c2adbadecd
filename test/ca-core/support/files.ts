import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type CertificateAuthority, crlToPem, toPem } from '#libs/ca-core';

export async function writePem(directory: string, name: string, pem: string): Promise<string> {
  await writeFile(join(directory, name), pem);
  return name;
}

export const writeCertificate = (directory: string, name: string, ca: CertificateAuthority): Promise<string> =>
  writePem(directory, name, toPem(ca.certificate.der, 'CERTIFICATE'));

export const writeCrl = (directory: string, name: string, der: Uint8Array): Promise<string> =>
  writePem(directory, name, crlToPem(der));
