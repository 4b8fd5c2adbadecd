import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { Pkcs11Library, findRevokedEntry, toPem } from '#libs/ca-core';
import { projectRoot } from '#libs/dev-stack';
import { readActivationLetter } from '#libs/notifications';
import { CertificateRecord } from '#libs/persistence';
import { createDetachedSignature, holderKey } from '#libs/signing';
import { AUTHENTICATION_CERTIFICATE_REASON } from '#libs/verification';
import { HolderTokens } from '../../activities/holder-tokens.js';
import { publishMissingCrls } from '../../apps/worker/src/crl-schedules.js';
import { openssl } from '../ca-core/support/openssl.js';
import { LifecycleDriver, agentOf, holderRegistration, operator } from '../support/lifecycle-driver.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Issue 6 end to end, as the people involved live it: a holder goes to ACTIVE, reads the
 * activation code from the letter, signs a document with the token through the sign command; a
 * relying party verifies it with the verify command (CRL and OCSP fetched from the URLs in the
 * certificate, served by the API) and with openssl; staff revoke for key compromise; verify, by
 * CRL and by OCSP, and POST /v1/verifications then say revoked with the date and reason.
 */
describe('sign with the token, verify by CLI, openssl and API, through revocation', () => {
  let system: TestSystem;
  let driver: LifecycleDriver;
  let work: string;
  let subscriptionId: string;
  let tokenLabel: string;
  let activationCode: string;
  let signatureSerial: string;
  const document = Buffer.from('%PDF-1.4\n% Liasse fiscale 2026, Cabinet Durand: bilan et compte de résultat\n%%EOF\n');
  const cli = join(projectRoot(), 'dist/apps/cli/src/main.js');
  const transcripts: string[] = [];

  /** The CLI as a holder or relying party runs it: its own process, no database, the token via SoftHSM. */
  function runCli(args: string[], stdin?: string): Promise<CliResult> {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      SOFTHSM2_CONF: process.env.SOFTHSM2_CONF,
      PKCS11_LIBRARY: system.env.PKCS11_LIBRARY,
      VAR_DIR: join(work, 'relying-party'), // not the CA's: nothing is read from it
    };
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [cli, ...args], { cwd: work, env, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => {
        transcripts.push(`$ signexpert ${args.join(' ')}\n${stdout}${stderr}[exit ${code}]`);
        resolve({ code: code ?? -1, stdout, stderr });
      });
      child.stdin.end(stdin ?? '');
    });
  }

  async function crlListsSerial(serial: string): Promise<boolean> {
    const response = await fetch(`${system.baseUrl}/pki/crl/BRE.crl`);
    if (!response.ok) return false;
    return findRevokedEntry(Buffer.from(await response.arrayBuffer()), serial) !== undefined;
  }

  beforeAll(async () => {
    system = await startTestSystem({ listen: true });
    driver = new LifecycleDriver(system.temporal, system.taskQueue);
    work = await mkdtemp(join(tmpdir(), 'signexpert-sign-verify-'));
    await writeFile(join(work, 'liasse-2026.pdf'), document);
    await writeFile(join(work, 'root.pem'), toPem(system.runtime.ca.hierarchy.root.certificate.der, 'CERTIFICATE'));
  });

  afterAll(async () => {
    // The transcripts are the relying party's view: printed for the record of the run.
    if (transcripts.length) {
      const printed = transcripts.join('\n\n');
      expect(printed).not.toContain(activationCode);
      console.log(`CLI transcripts:\n\n${printed}`);
    }
    await system?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('takes a holder to ACTIVE; the activation code comes from the letter', async () => {
    const registration = holderRegistration({ givenName: 'Camille', surname: 'Durand' });
    subscriptionId = await driver.toDelivery(registration, system.smtp);
    expect((await driver.handOver(subscriptionId, agentOf('BRE'))).state).toBe('ACTIVE');
    tokenLabel = HolderTokens.labelFor(subscriptionId);
    const spool = join(system.varDir, 'postal-spool');
    const [letter] = (await readdir(spool)).filter((name) => name === `activation-letter-${subscriptionId}.pdf`);
    expect(letter).toBeDefined();
    activationCode = readActivationLetter(await readFile(join(spool, letter))).activationCode;
    const certificates = await system.dataSource.getRepository(CertificateRecord).findBy({ subscriptionId });
    signatureSerial = certificates.find((c) => c.profile === 'signature')!.serial;
    // The region's first CRL, as the worker's start publishes it: the URL in the certificate answers.
    await publishMissingCrls(system.temporal, system.dataSource, ['BRE'], system.taskQueue);
    const deadline = Date.now() + 30_000;
    while ((await fetch(`${system.baseUrl}/pki/crl/BRE.crl`)).status !== 200 && Date.now() < deadline) await sleep(200);
  });

  it('signs with the signature key of the token, never printing the activation code', async () => {
    const signed = await runCli(['sign', 'liasse-2026.pdf', '--out', 'liasse-2026.p7s', '--token-label', tokenLabel, '--pin-stdin'], activationCode);
    expect(signed.stderr).toBe('');
    expect(signed.code).toBe(0);
    expect(signed.stdout).toContain(`certificate serial ${signatureSerial}`);
    // The token carries the regional CA's certificate since personalisation: the signature embeds it.
    expect(signed.stdout).toContain('with the issuing CA certificate');
    expect(signed.stdout + signed.stderr).not.toContain(activationCode);

    const wrongPin = await runCli(['sign', 'liasse-2026.pdf', '--out', 'other.p7s', '--token-label', tokenLabel, '--pin-stdin'], '00000000');
    expect(wrongPin.code).toBe(1);
    expect(wrongPin.stderr).toMatch(/C_Login on token \w+ failed/);
    expect(wrongPin.stderr).not.toContain('00000000');

    // Refused before anything is read: a stand-in code, so that the real one is in no transcript either.
    const onCommandLine = await runCli(['sign', 'liasse-2026.pdf', '--out', 'other.p7s', '--token-label', tokenLabel, '--pin', '12345678']);
    expect(onCommandLine.code).toBe(2);
    expect(onCommandLine.stderr).toContain('an activation code never goes on the command line');
  });

  it('verifies valid: the CLI (CRL from the certificate URL), openssl cms -verify and POST /v1/verifications agree', async () => {
    const verified = await runCli(['verify', 'liasse-2026.pdf', '--signature', 'liasse-2026.p7s', '--trust-anchor', 'root.pem']);
    expect(verified.stdout).toContain('Verdict: VALID');
    expect(verified.stdout).toContain(`Certificate serial: ${signatureSerial}`);
    expect(verified.stdout).toContain('Revocation (CRL): good');
    expect(verified.stdout).toContain(`CRL ${system.baseUrl}/pki/crl/BRE.crl: fetched`);
    expect(verified.code).toBe(0);

    const byOcsp = await runCli(['verify', 'liasse-2026.pdf', '--signature', 'liasse-2026.p7s', '--trust-anchor', 'root.pem', '--revocation-source', 'ocsp', '--json']);
    expect(byOcsp.code).toBe(0);
    expect(JSON.parse(byOcsp.stdout)).toMatchObject({ verdict: 'valid', reasons: [], revocation: { status: 'good', source: 'ocsp' } });

    const altered = Buffer.from(document.toString().replace('2026', '2025'));
    await writeFile(join(work, 'altered.pdf'), altered);
    const tampered = await runCli(['verify', 'altered.pdf', '--signature', 'liasse-2026.p7s', '--trust-anchor', 'root.pem']);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain('message digest mismatch');

    // openssl trusts the root alone: the regional CA comes from the signature, as the token embedded it.
    const agreed = await openssl(
      ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'liasse-2026.p7s', '-content', 'liasse-2026.pdf',
        '-CAfile', 'root.pem', '-purpose', 'any', '-out', '/dev/null'],
      work,
    );
    expect(agreed.output).toContain('Verification successful');

    const signature = await readFile(join(work, 'liasse-2026.p7s'));
    const answer = await request(system.api.getHttpServer())
      .post('/v1/verifications')
      .attach('signature', signature, 'liasse-2026.p7s')
      .attach('document', document, 'liasse-2026.pdf')
      .expect(200);
    expect(answer.body).toMatchObject({ verdict: 'valid', reasons: [], signer: { serial: signatureSerial, profile: 'signature' }, revocation: { status: 'good' } });
    const asJson = await request(system.api.getHttpServer())
      .post('/v1/verifications')
      .send({ signature: signature.toString('base64'), document: document.toString('base64') })
      .expect(200);
    expect(asJson.body.verdict).toBe('valid');
  });

  it('refuses the authentication key for signing; forced through, the verifier reports the signature invalid', async () => {
    const refused = await runCli(['sign', 'liasse-2026.pdf', '--out', 'auth.p7s', '--token-label', tokenLabel, '--key', 'authentication', '--pin-stdin'], activationCode);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refused: the authentication key does not sign documents');

    // What other signing software could do: the same token, the authentication key, the same CMS.
    const library = Pkcs11Library.load(system.env.PKCS11_LIBRARY);
    try {
      const token = library.openToken({ tokenLabel, pin: activationCode });
      try {
        const { key, certificate } = await holderKey(token, 'authentication');
        await writeFile(join(work, 'auth.p7s'), await createDetachedSignature({ content: document, signer: key, certificate, signingTime: new Date() }));
      } finally {
        await token.close();
      }
    } finally {
      library.close();
    }
    const verified = await runCli(['verify', 'liasse-2026.pdf', '--signature', 'auth.p7s', '--trust-anchor', 'root.pem']);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain('Verdict: INVALID');
    expect(verified.stdout).toContain('Certificate profile: authentication');
    expect(verified.stdout).toContain(AUTHENTICATION_CERTIFICATE_REASON);

    const answer = await request(system.api.getHttpServer())
      .post('/v1/verifications')
      .attach('signature', await readFile(join(work, 'auth.p7s')), 'auth.p7s')
      .attach('document', document, 'liasse-2026.pdf')
      .expect(200);
    expect(answer.body).toMatchObject({ verdict: 'invalid', reasons: [AUTHENTICATION_CERTIFICATE_REASON] });
  });

  it('after a revocation for key compromise says revoked, with date and reason, by CRL, by OCSP and by the API', async () => {
    const revoked = await driver.revoke(subscriptionId, { ground: 'key-compromise', requester: operator, comment: 'token reported stolen' });
    expect(revoked.state).toBe('REVOKED');
    const record = await system.dataSource.getRepository(CertificateRecord).findOneByOrFail({ serial: signatureSerial });
    // CRL and OCSP times are whole seconds (RFC 5280 §5.1.2.6, UTCTime / GeneralizedTime).
    const revokedAt = new Date(Math.floor(record.revokedAt!.getTime() / 1000) * 1000).toISOString();

    const deadline = Date.now() + 30_000;
    while (!(await crlListsSerial(signatureSerial))) {
      if (Date.now() > deadline) throw new Error('the CRL did not list the revoked certificate within 30 s');
      await sleep(200);
    }

    const byCrl = await runCli(['verify', 'liasse-2026.pdf', '--signature', 'liasse-2026.p7s', '--trust-anchor', 'root.pem']);
    expect(byCrl.code).toBe(1);
    expect(byCrl.stdout).toContain('Verdict: INVALID');
    expect(byCrl.stdout).toContain(`Revocation (CRL): revoked (on ${revokedAt}, reason keyCompromise)`);
    expect(byCrl.stdout).toContain(`the signer certificate was revoked on ${revokedAt} (reason: keyCompromise, source: CRL)`);

    const byOcsp = await runCli(['verify', 'liasse-2026.pdf', '--signature', 'liasse-2026.p7s', '--trust-anchor', 'root.pem', '--revocation-source', 'ocsp']);
    expect(byOcsp.code).toBe(1);
    expect(byOcsp.stdout).toContain(`Revocation (OCSP): revoked (on ${revokedAt}, reason keyCompromise)`);
    expect(byOcsp.stdout).toContain(`OCSP ${system.baseUrl}/pki/ocsp: fetched`);

    // A CRL saved earlier and given as a file decides just the same, without fetching it.
    await writeFile(join(work, 'bre.crl'), Buffer.from(await (await fetch(`${system.baseUrl}/pki/crl/BRE.crl`)).arrayBuffer()));
    const byFile = await runCli(['verify', 'liasse-2026.pdf', '--signature', 'liasse-2026.p7s', '--trust-anchor', 'root.pem', '--crl', 'bre.crl', '--revocation-source', 'crl', '--json']);
    expect(byFile.code).toBe(1);
    const report = JSON.parse(byFile.stdout);
    expect(report.revocation).toEqual({ status: 'revoked', revokedAt, reason: 'keyCompromise', source: 'crl' });
    expect(report.sources.map((source: { kind: string }) => source.kind)).not.toContain('CRL');

    const answer = await request(system.api.getHttpServer())
      .post('/v1/verifications')
      .attach('signature', await readFile(join(work, 'liasse-2026.p7s')), 'liasse-2026.p7s')
      .attach('document', document, 'liasse-2026.pdf')
      .expect(200);
    expect(answer.body).toMatchObject({
      verdict: 'invalid',
      reasons: [`the signer certificate was revoked on ${revokedAt} (reason: keyCompromise, source: CRL)`],
      revocation: { status: 'revoked', revokedAt, reason: 'keyCompromise', source: 'crl' },
    });
    const asText = await request(system.api.getHttpServer())
      .post('/v1/verifications')
      .set('Accept', 'text/plain')
      .attach('signature', await readFile(join(work, 'liasse-2026.p7s')), 'liasse-2026.p7s')
      .attach('document', document, 'liasse-2026.pdf')
      .expect(200);
    expect(asText.headers['content-type']).toMatch(/^text\/plain/);
    expect(asText.text).toContain(`Revocation (CRL): revoked (on ${revokedAt}, reason keyCompromise)`);
  });

  it('answers usage errors with exit code 2 and the API with 400 naming the field', async () => {
    const noSignature = await runCli(['verify', 'liasse-2026.pdf']);
    expect(noSignature.code).toBe(2);
    expect(noSignature.stderr).toContain('verify needs --signature');
    const missingFile = await runCli(['verify', 'missing.pdf', '--signature', 'liasse-2026.p7s', '--trust-anchor', 'root.pem']);
    expect(missingFile.code).toBe(2);
    const noAnchor = await runCli(['verify', 'liasse-2026.pdf', '--signature', 'liasse-2026.p7s']);
    expect(noAnchor.code).toBe(2);
    expect(noAnchor.stderr).toContain('no trust anchor');

    const empty = await request(system.api.getHttpServer()).post('/v1/verifications').send({}).expect(400);
    expect(empty.body.errors).toEqual([{ field: 'signature', messages: [expect.stringContaining('signature is required')] }]);
    const notBase64 = await request(system.api.getHttpServer()).post('/v1/verifications').send({ signature: 'not base64!' }).expect(400);
    expect(notBase64.body.errors).toEqual([{ field: 'signature', messages: [expect.stringContaining('base64')] }]);
    const unknown = await request(system.api.getHttpServer()).post('/v1/verifications').send({ signature: 'AAAA', url: 'http://169.254.169.254/' }).expect(400);
    expect(unknown.body.errors.map((error: { field: string }) => error.field)).toEqual(['url']);
    const garbage = await request(system.api.getHttpServer()).post('/v1/verifications').send({ signature: 'AAAA' }).expect(200);
    expect(garbage.body.verdict).toBe('invalid');

    const openApi = await request(system.api.getHttpServer()).get('/docs/openapi.json').expect(200);
    expect(Object.keys(openApi.body.paths['/v1/verifications'].post.requestBody.content)).toEqual(['application/json', 'multipart/form-data']);
    expect(openApi.body.components.schemas.VerificationRequestDto.properties).toMatchObject({ signature: { type: 'string' }, document: { type: 'string' } });
  });
});
