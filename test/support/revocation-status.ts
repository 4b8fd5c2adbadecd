import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { findRevokedEntry, toPem } from '#libs/ca-core';
import type { RegionCode } from '#libs/domain';
import { createOcspRequest } from '#libs/verification';
import { openssl } from '../ca-core/support/openssl.js';

const binary = (response: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * What a relying party learns of one certificate from the public repository of the API under
 * test: the OCSP answer as openssl reads it (signature checked against the root), and whether the
 * region's published CRL lists the serial.
 */
export class RelyingParty {
  private constructor(
    private readonly server: App,
    private readonly directory: string,
  ) {}

  static async of(server: App): Promise<RelyingParty> {
    return new RelyingParty(server, await mkdtemp(join(tmpdir(), 'signexpert-relying-party-')));
  }

  async ocspStatus(certificate: Buffer, region: RegionCode): Promise<'good' | 'revoked' | 'unknown' | string> {
    const issuer = await this.caCertificate(region);
    const root = await this.caCertificate('root');
    const name = `${certificate.subarray(-8).toString('hex')}-${Date.now()}`;
    const posted = await request(this.server)
      .post('/pki/ocsp')
      .set('Content-Type', 'application/ocsp-request')
      .send(Buffer.from(createOcspRequest(certificate, issuer)))
      .buffer(true)
      .parse(binary);
    if (posted.status !== 200) return `HTTP ${posted.status}`;
    await writeFile(join(this.directory, `${name}.resp`), posted.body as Buffer);
    await writeFile(join(this.directory, `${name}.pem`), toPem(certificate, 'CERTIFICATE'));
    await writeFile(join(this.directory, `${region}.pem`), toPem(issuer, 'CERTIFICATE'));
    await writeFile(join(this.directory, 'root.pem'), toPem(root, 'CERTIFICATE'));
    const read = await openssl(['ocsp', '-respin', `${name}.resp`, '-issuer', `${region}.pem`, '-cert', `${name}.pem`, '-CAfile', 'root.pem', '-no_nonce'], this.directory);
    if (!/Response verify OK/.test(read.output)) return `unverified: ${read.output.trim().split('\n')[0]}`;
    return /: (good|revoked|unknown)\b/.exec(read.output)?.[1] ?? read.output.trim();
  }

  /** Whether the region's current CRL lists the serial, with its reason code. */
  async crlEntry(serial: string, region: RegionCode): Promise<{ reasonCode?: number } | undefined> {
    const crl = await request(this.server).get(`/pki/crl/${region}.crl`).buffer(true).parse(binary);
    if (crl.status !== 200) return undefined;
    return findRevokedEntry(crl.body as Buffer, serial);
  }

  /** Polls until OCSP says revoked and the CRL lists the serial; returns how long that took. */
  async waitUntilRevoked(certificate: { der: Buffer; serial: string }, region: RegionCode, timeoutMs = 20_000): Promise<number> {
    const started = Date.now();
    let last = '';
    while (Date.now() - started < timeoutMs) {
      const [ocsp, crl] = await Promise.all([this.ocspStatus(certificate.der, region), this.crlEntry(certificate.serial, region)]);
      if (ocsp === 'revoked' && crl) return Date.now() - started;
      last = `OCSP ${ocsp}, CRL ${crl ? 'lists it' : 'does not list it'}`;
      await sleep(100);
    }
    throw new Error(`certificate ${certificate.serial} not revoked for relying parties after ${timeoutMs} ms: ${last}`);
  }

  async close(): Promise<void> {
    await rm(this.directory, { recursive: true, force: true });
  }

  private async caCertificate(name: string): Promise<Buffer> {
    const response = await request(this.server).get(`/pki/ca/${name}.crt`).buffer(true).parse(binary);
    if (response.status !== 200) throw new Error(`GET /pki/ca/${name}.crt answered ${response.status}`);
    return response.body as Buffer;
  }
}
