import * as graphene from 'graphene-pk11';
import { parseCertificate } from './certificate-reader.js';
import { keyIdentifier } from './public-keys.js';

/**
 * PKCS#11 attributes of an X.509 certificate object (PKCS#11 v2.40 §4.6.3): CKA_ID equal to the
 * key pair's, so middleware on the holder's workstation pairs the certificate with its key.
 */
export function certificateObjectAttributes(certificate: Uint8Array): graphene.ITemplate {
  const parsed = parseCertificate(certificate);
  return {
    class: graphene.ObjectClass.CERTIFICATE,
    certType: graphene.CertificateType.X_509,
    id: keyIdentifier(parsed.subjectPublicKeyInfo),
    subject: parsed.subject,
    issuer: parsed.issuer,
    serial: parsed.serialNumberDer,
    value: parsed.der,
  };
}
