import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { loadEnvironment } from '#libs/config';
import { loadCertificateAuthority } from '../../worker/src/certificate-authority.js';

/**
 * `ca:init`: the key ceremony as an operator command. Idempotent: creates the profession root,
 * one issuing CA and one OCSP responder per region where missing, never replaces an existing key,
 * and prints the ceremony record (also kept under VAR_DIR/ca/ceremonies/).
 */
export async function initialiseCertificateAuthority(io: { out(line: string): void }): Promise<number> {
  const env = loadEnvironment(process.env);
  const ca = await loadCertificateAuthority(env, join(resolve(env.VAR_DIR), 'ca'), `cli ${userInfo().username}`);
  try {
    const { ceremony } = ca;
    io.out(`key ceremony ${ceremony.id}: ${ceremony.outcome} by ${ceremony.performedBy} at ${ceremony.performedAt} (${ceremony.keyStore} key store)`);
    for (const authority of ceremony.authorities) {
      io.out(
        `  ${authority.name.padEnd(10)} ${authority.role.padEnd(14)} key ${authority.keyGenerated ? 'generated' : 'existing '} ` +
          `certificate ${authority.certificate.padEnd(8)} sha256 ${authority.certificateSha256}`,
      );
    }
    return 0;
  } finally {
    await ca.keyStore.close();
  }
}
