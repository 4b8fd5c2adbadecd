import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { findRevokedEntry, toPem } from '#libs/ca-core';
import { REGION_CODES } from '#libs/domain';
import { CertificateRecord, CrlRecord } from '#libs/persistence';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { pkiConfigOf } from '../../apps/api/src/pki/pki-config.js';
import { openssl } from '../ca-core/support/openssl.js';
import { LifecycleDriver, agentOf, holderRegistration } from '../support/lifecycle-driver.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

/** supertest leaves unknown binary media types unread: collect the bytes. */
function binary(response: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = response as unknown as NodeJS.ReadableStream; // at parse time, the incoming message itself
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * The public PKI repository over HTTP, on the real system (API, worker with the CA, PostgreSQL,
 * Temporal), checked with openssl as an independent relying party: one holder whose signature
 * certificate is revoked for key compromise while the authentication certificate stays good.
 */
describe('public PKI repository (real API, worker, PostgreSQL; openssl as the relying party)', () => {
  let system: TestSystem;
  let dir: string;
  let signature: CertificateRecord;
  let authentication: CertificateRecord;
  const http = () => request(system.api.getHttpServer());
  const get = (path: string) => http().get(path).buffer(true).parse(binary);
  const inDir = (...args: string[]) => openssl(args, dir);

  beforeAll(async () => {
    system = await startTestSystem();
    dir = join(system.varDir, 'relying-party');
    await mkdir(dir);
    const driver = new LifecycleDriver(system.temporal, system.taskQueue);
    const registration = holderRegistration({ region: 'BRE' });
    const id = await driver.toDelivery(registration, system.smtp);
    await driver.handOver(id, agentOf('BRE'));
    const rows = await system.dataSource.getRepository(CertificateRecord).findBy({ subscriptionId: id });
    signature = rows.find((row) => row.profile === 'signature')!;
    authentication = rows.find((row) => row.profile === 'authentication')!;
    await writeFile(join(dir, 'signature.pem'), toPem(signature.der, 'CERTIFICATE'));
    await writeFile(join(dir, 'authentication.pem'), toPem(authentication.der, 'CERTIFICATE'));

    await driver.revoke(id, {
      ground: 'key-compromise',
      requester: { kind: 'holder', registrationNumber: registration.registrationNumber },
      certificates: ['signature'],
    });
    // The revocation publishes a new CRL at once: wait until the API serves one listing the serial.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const response = await get('/pki/crl/BRE.crl');
      if (response.status === 200 && findRevokedEntry(response.body as Buffer, signature.serial)) break;
      if (Date.now() > deadline) throw new Error(`no CRL listing ${signature.serial} after 60 s (last answer ${response.status})`);
      await sleep(250);
    }
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('serves every CA certificate as DER and PEM, with caching headers, readable by openssl', async () => {
    const hierarchy = system.runtime.ca.hierarchy;
    for (const name of ['root', ...REGION_CODES] as const) {
      const expected = name === 'root' ? hierarchy.root.certificate.der : hierarchy.issuing.get(name)!.ca.certificate.der;
      const der = await get(`/pki/ca/${name}.crt`).expect(200);
      expect(der.headers['content-type']).toBe('application/pkix-cert');
      expect(Buffer.compare(der.body as Buffer, expected)).toBe(0);
      expect(der.headers['cache-control']).toBe('public, max-age=86400');
      expect(der.headers.etag).toBe(`"${sha256(expected)}"`);
      const pem = await http().get(`/pki/ca/${name}.pem`).expect(200);
      expect(pem.headers['content-type']).toMatch(/^application\/x-pem-file/);
      expect(pem.text).toBe(toPem(expected, 'CERTIFICATE'));
    }
    // A cache revalidating with the ETag gets 304 and no body.
    const root = await get('/pki/ca/root.crt').expect(200);
    await http().get('/pki/ca/root.crt').set('If-None-Match', root.headers.etag).expect(304);

    await writeFile(join(dir, 'root.der'), root.body as Buffer);
    const read = await inDir('x509', '-inform', 'DER', '-in', 'root.der', '-noout', '-subject');
    expect(read.code).toBe(0);
    expect(read.output).toContain('SIGNEXPERT AC Racine');
  });

  it('lets openssl verify the holder certificates with the root and regional CA fetched from the API', async () => {
    await fetchChain();
    for (const file of ['signature.pem', 'authentication.pem']) {
      const verified = await inDir('verify', '-CAfile', 'root.pem', '-untrusted', 'bre.pem', file);
      expect(verified.output).toContain(`${file}: OK`);
    }
    // And with the CRL from the API: the revoked one fails, the other passes.
    await writeFile(join(dir, 'bre.crl'), (await get('/pki/crl/BRE.crl').expect(200)).body as Buffer);
    await inDir('crl', '-inform', 'DER', '-in', 'bre.crl', '-out', 'bre.crl.pem');
    const revoked = await inDir('verify', '-crl_check', '-CAfile', 'root.pem', '-untrusted', 'bre.pem', '-CRLfile', 'bre.crl.pem', 'signature.pem');
    expect(revoked.output).toContain('certificate revoked');
    const good = await inDir('verify', '-crl_check', '-CAfile', 'root.pem', '-untrusted', 'bre.pem', '-CRLfile', 'bre.crl.pem', 'authentication.pem');
    expect(good.output).toContain('authentication.pem: OK');
  });

  it("serves the region's latest CRL from PostgreSQL, signed by its CA, listing the revocation, cacheable until nextUpdate", async () => {
    await fetchChain();
    const response = await get('/pki/crl/BRE.crl').expect(200);
    const [latest] = await system.dataSource.getRepository(CrlRecord).find({ where: { region: 'BRE' }, order: { crlNumber: 'DESC' }, take: 1 });
    const body = response.body as Buffer;
    expect(body.equals(latest.der)).toBe(true);
    expect(response.headers['content-type']).toBe('application/pkix-crl');
    expect(response.headers['last-modified']).toBe(latest.thisUpdate.toUTCString());
    expect(response.headers.expires).toBe(latest.nextUpdate.toUTCString());
    expect(response.headers.etag).toBe(`"${sha256(body)}"`);
    const maxAge = Number(/max-age=(\d+)/.exec(response.headers['cache-control'])?.[1]);
    const expected = (latest.nextUpdate.getTime() - Date.now()) / 1000;
    expect(response.headers['cache-control']).toMatch(/^public, /);
    expect(maxAge).toBeGreaterThan(expected - 10);
    expect(maxAge).toBeLessThanOrEqual(Math.ceil(expected) + 1);

    await writeFile(join(dir, 'latest.crl'), body);
    const checked = await inDir('crl', '-inform', 'DER', '-in', 'latest.crl', '-CAfile', 'chain.pem', '-noout');
    expect(checked.output).toContain('verify OK');
    const text = (await inDir('crl', '-inform', 'DER', '-in', 'latest.crl', '-noout', '-text')).output;
    expect(text.toUpperCase()).toContain(signature.serial);
    expect(text).toContain('Key Compromise');
    expect(text.toUpperCase()).not.toContain(authentication.serial);
  });

  it('answers OCSP by POST and by GET: revoked (key compromise) for one certificate, good for the other, verified by openssl', async () => {
    await fetchChain();
    for (const [file, status] of [['signature.pem', 'revoked'], ['authentication.pem', 'good']] as const) {
      await inDir('ocsp', '-issuer', 'bre.pem', '-cert', file, '-reqout', `${file}.req`, '-no_nonce');
      const requestDer = await readFile(join(dir, `${file}.req`));

      const posted = await http().post('/pki/ocsp').set('Content-Type', 'application/ocsp-request').send(requestDer).buffer(true).parse(binary).expect(200);
      expect(posted.headers['content-type']).toBe('application/ocsp-response');
      expect(posted.headers['cache-control']).toBe('no-store');
      await writeFile(join(dir, `${file}.post.resp`), posted.body as Buffer);

      // RFC 5019 §5: the URL-encoded base64 of the DER request.
      const fetched = await get(`/pki/ocsp/${encodeURIComponent(requestDer.toString('base64'))}`).expect(200);
      expect(fetched.headers['content-type']).toBe('application/ocsp-response');
      await writeFile(join(dir, `${file}.get.resp`), fetched.body as Buffer);
      // RFC 5019 §6.2: cacheable until nextUpdate (24 h after thisUpdate by default).
      const maxAge = Number(/max-age=(\d+)/.exec(fetched.headers['cache-control'])?.[1]);
      expect(fetched.headers['cache-control']).toMatch(/^public, max-age=\d+/);
      expect(maxAge).toBeGreaterThan(24 * 3600 - 60);
      expect(maxAge).toBeLessThanOrEqual(24 * 3600);
      expect(new Date(fetched.headers.expires).getTime() - new Date(fetched.headers['last-modified']).getTime()).toBe(24 * 3600 * 1000);
      expect(fetched.headers.etag).toBe(`"${sha256(fetched.body as Buffer)}"`);

      for (const method of ['post', 'get']) {
        const read = await inDir('ocsp', '-respin', `${file}.${method}.resp`, '-issuer', 'bre.pem', '-cert', file, '-CAfile', 'root.pem', '-no_nonce');
        expect(read.output).toContain('Response verify OK');
        expect(read.output).toContain(`${file}: ${status}`);
        if (status === 'revoked') expect(read.output).toContain('Reason: keyCompromise');
      }
    }
  });

  it('echoes the nonce of a request that carries one, and reads base64 sent without URL-encoding', async () => {
    await fetchChain();
    await inDir('ocsp', '-issuer', 'bre.pem', '-cert', 'authentication.pem', '-reqout', 'nonce.req');
    const requestDer = await readFile(join(dir, 'nonce.req'));
    const nonce = /OCSP Nonce:\s*\n\s*([0-9A-F]+)/.exec((await inDir('ocsp', '-reqin', 'nonce.req', '-req_text')).output)?.[1];
    expect(nonce).toMatch(/^[0-9A-F]{16,}$/);

    const posted = await http().post('/pki/ocsp').set('Content-Type', 'application/ocsp-request').send(requestDer).buffer(true).parse(binary).expect(200);
    // Unencoded base64 ("/" and "+" as they are), as some clients send it.
    const fetched = await get(`/pki/ocsp/${requestDer.toString('base64')}`).expect(200);
    for (const [name, body] of [['nonce.post.resp', posted.body], ['nonce.get.resp', fetched.body]] as const) {
      await writeFile(join(dir, name), body as Buffer);
      const text = (await inDir('ocsp', '-respin', name, '-resp_text', '-noverify')).output;
      expect(text).toContain(nonce!);
      const read = await inDir('ocsp', '-respin', name, '-issuer', 'bre.pem', '-cert', 'authentication.pem', '-CAfile', 'root.pem', '-no_nonce');
      expect(read.output).toContain('authentication.pem: good');
    }
  });

  it('answers garbage with an OCSP malformedRequest response, never a 500; refuses other media types and oversized bodies', async () => {
    const garbage = await http().post('/pki/ocsp').set('Content-Type', 'application/ocsp-request').send(Buffer.from('not an OCSP request')).buffer(true).parse(binary).expect(200);
    expect(garbage.headers['content-type']).toBe('application/ocsp-response');
    await writeFile(join(dir, 'garbage.resp'), garbage.body as Buffer);
    expect((await inDir('ocsp', '-respin', 'garbage.resp', '-resp_text')).output).toMatch(/Responder Error: malformedrequest \(1\)/i);

    const empty = await http().post('/pki/ocsp').set('Content-Type', 'application/ocsp-request').buffer(true).parse(binary).expect(200);
    expect((empty.body as Buffer).equals(garbage.body as Buffer)).toBe(true);
    for (const path of ['/pki/ocsp/!!not-base64!!', '/pki/ocsp/bm90IGFuIE9DU1AgcmVxdWVzdA%3D%3D', '/pki/ocsp/a/b/c']) {
      const fetched = await get(path).expect(200);
      expect((fetched.body as Buffer).equals(garbage.body as Buffer)).toBe(true);
      expect(fetched.headers['cache-control']).toBe('no-store');
    }
    // A path that is not even valid percent-encoding stops at the HTTP layer: 400, still not a 500.
    const undecodable = await http().get('/pki/ocsp/%%%').expect(400);
    expect(undecodable.headers['content-type']).toMatch(/^application\/problem\+json/);

    const wrongType = await http().post('/pki/ocsp').set('Content-Type', 'text/plain').send('hello').expect(415);
    expect(wrongType.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(wrongType.body.detail).toContain('application/ocsp-request');
    const oversized = await http().post('/pki/ocsp').set('Content-Type', 'application/ocsp-request').send(randomBytes(65 * 1024)).expect(413);
    expect(oversized.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers 404 problem+json for unknown CAs, documents and regions without a CRL yet', async () => {
    expect(await system.dataSource.getRepository(CrlRecord).countBy({ region: 'GLP' })).toBe(0);
    for (const [path, detail] of [
      ['/pki/ca/XYZ.crt', 'No CA named XYZ'],
      ['/pki/ca/bre.pem', 'No CA named bre'],
      ['/pki/ca/ocsp-BRE.crt', 'No CA named ocsp-BRE'],
      ['/pki/crl/XYZ.crl', 'No CA named XYZ'],
      ['/pki/crl/GLP.crl', 'No CRL has been published yet for GLP'],
      ['/pki/policies/pc-inconnue', 'No document named pc-inconnue'],
    ]) {
      const response = await http().get(path).expect(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 404, detail: expect.stringContaining(detail) });
    }
  });

  it('publishes the certificate policies with the OIDs the certificates carry, and the general conditions', async () => {
    const config = pkiConfigOf(system.env);
    for (const [page, file, oid, usage] of [
      ['pc-signature', 'signature.pem', config.policies.signature.oid, 'nonRepudiation'],
      ['pc-authentification', 'authentication.pem', config.policies.authentication.oid, 'clientAuth'],
    ] as const) {
      const response = await http().get(`/pki/policies/${page}`).expect(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.text).toContain(`<code>${oid}</code>`);
      expect(response.text).toContain(usage);
      expect(response.text).toContain('2 ans');
      expect(response.text).toContain(`${config.repositoryBaseUrl}/pki/crl/BRE.crl`);
      expect(response.text).toContain(`${config.repositoryBaseUrl}/pki/ocsp`);
      // The page is the one the certificate points to, for the policy the certificate names.
      const text = (await inDir('x509', '-in', file, '-noout', '-text')).output;
      expect(text).toContain(`Policy: ${oid}`);
      expect(text).toContain(`CPS: ${config.repositoryBaseUrl}/pki/policies/${page}`);
    }
    const conditions = await http().get('/pki/policies/conditions-generales').expect(200);
    expect(conditions.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(conditions.text).toBe(await readFile(new URL('../../apps/api/src/pki/assets/conditions-generales-signexpert.txt', import.meta.url), 'utf8'));
    expect(conditions.text).toContain('CONDITIONS GENERALES DES SERVICES DE CERTIFICATION SIGNEXPERT');
  });

  it('without CA_KEY_PASSPHRASE the API still serves the CA certificates, and OCSP answers 503', async () => {
    const api = await createApiApp({ ...system.env, CA_KEY_PASSPHRASE: undefined, DATABASE_URL: system.env.DATABASE_URL! });
    try {
      await api.init();
      const server = () => request(api.getHttpServer());
      const root = await server().get('/pki/ca/root.crt').buffer(true).parse(binary).expect(200);
      expect((root.body as Buffer).equals(system.runtime.ca.hierarchy.root.certificate.der)).toBe(true);
      await fetchChain();
      await inDir('ocsp', '-issuer', 'bre.pem', '-cert', 'authentication.pem', '-reqout', 'plain.req', '-no_nonce');
      const ocsp = await server().post('/pki/ocsp').set('Content-Type', 'application/ocsp-request').send(await readFile(join(dir, 'plain.req'))).expect(503);
      expect(ocsp.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(ocsp.headers['retry-after']).toBe('10');
      expect(ocsp.body.detail).toContain('CA_KEY_PASSPHRASE');
    } finally {
      await api.close();
    }
  });

  it('answers 503 until the worker has initialised the CA, then picks it up without a restart', async () => {
    const varDir = await mkdtemp(join(tmpdir(), 'signexpert-pki-'));
    const api = await createApiApp({ ...system.env, VAR_DIR: varDir, DATABASE_URL: system.env.DATABASE_URL! });
    try {
      await api.init();
      const server = () => request(api.getHttpServer());
      await fetchChain();
      await inDir('ocsp', '-issuer', 'bre.pem', '-cert', 'authentication.pem', '-reqout', 'late.req', '-no_nonce');
      const requestDer = await readFile(join(dir, 'late.req'));
      const postOcsp = () => server().post('/pki/ocsp').set('Content-Type', 'application/ocsp-request').send(requestDer);
      for (const response of [await server().get('/pki/ca/BRE.crt').expect(503), await postOcsp().expect(503)]) {
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body.detail).toContain('not been initialised');
      }
      // The worker's ceremony happens (here: its result appears in the shared storage).
      await cp(join(system.varDir, 'ca'), join(varDir, 'ca'), { recursive: true });
      await sleep(1_100); // past the retry window after a failed load
      const certificate = await server().get('/pki/ca/BRE.crt').buffer(true).parse(binary).expect(200);
      expect((certificate.body as Buffer).equals(system.runtime.ca.hierarchy.issuing.get('BRE')!.ca.certificate.der)).toBe(true);
      const answered = await postOcsp().buffer(true).parse(binary).expect(200);
      await writeFile(join(dir, 'late.resp'), answered.body as Buffer);
      const read = await inDir('ocsp', '-respin', 'late.resp', '-issuer', 'bre.pem', '-cert', 'authentication.pem', '-CAfile', 'root.pem', '-no_nonce');
      expect(read.output).toContain('authentication.pem: good');
    } finally {
      await api.close();
      await rm(varDir, { recursive: true, force: true });
    }
  });

  /** root.pem, bre.pem and chain.pem, as a relying party gets them: from the repository. */
  async function fetchChain(): Promise<void> {
    const root = await http().get('/pki/ca/root.pem').expect(200);
    const bre = await http().get('/pki/ca/BRE.pem').expect(200);
    await writeFile(join(dir, 'root.pem'), root.text);
    await writeFile(join(dir, 'bre.pem'), bre.text);
    await writeFile(join(dir, 'chain.pem'), bre.text + root.text);
  }
});
