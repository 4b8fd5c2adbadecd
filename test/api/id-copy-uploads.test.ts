import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { IdDocumentRecord } from '#libs/persistence';
import { StaffAccounts } from '../../apps/api/src/auth/index.js';
import { DocumentVault } from '../../apps/api/src/documents/document-vault.js';
import { hostileImages, hostilePdfs, idCardPng, scannedIdCardJpeg } from '../support/id-copy-samples.js';
import { idCopyPdf } from '../support/id-copy-pdf.js';
import { requestAwaitingDocuments } from '../support/request-in-review.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

/**
 * Issue 12, item 4: ID copies are decoded before they are stored, and served to staff so that no
 * browser runs what one holds. The hostile files an attacker had accepted are each refused with a
 * 415 that says why; real scans go through and come back to the reviewer as uploaded.
 */
describe('ID-copy uploads, decoded not sniffed (real stack)', () => {
  let system: TestSystem;
  let operator: string;
  const http = () => request(system.api.getHttpServer());
  const documentsOf = (subscriptionId: string) => system.dataSource.getRepository(IdDocumentRecord).countBy({ subscriptionId });

  beforeAll(async () => {
    system = await startTestSystem();
    const password = randomBytes(16).toString('base64url');
    await new StaffAccounts(system.dataSource).create({ login: 'id-copy.reviewer', displayName: 'Reviewer', role: 'ecma-operator', password });
    operator = (await http().post('/v1/admin/sessions').send({ login: 'id-copy.reviewer', password }).expect(201)).body.token;
  });
  afterAll(async () => {
    await system?.stop();
  });

  function holder(): Promise<{ id: string; session: string }> {
    const registrationNumber = `35${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    return requestAwaitingDocuments(system, {
      givenName: 'Yannick',
      surname: 'Le Bihan',
      email: `yannick.lebihan.${registrationNumber}@example.fr`,
      registrationNumber,
      region: 'BRE',
      postalAddress: ['2 place du Parlement', '35000 Rennes'],
    });
  }

  it('refuses every hostile copy with a 415 naming the field and the reason, and stores none', async () => {
    const { id, session } = await holder();
    const hostile: [string, Buffer, string][] = [
      ['pdf-openaction-js.pdf', hostilePdfs.openActionJavaScript(), 'the PDF contains JavaScript'],
      ['pdf-html-polyglot.pdf', hostilePdfs.htmlPolyglot(), 'the file holds HTML markup in its first bytes (a browser could take it for a web page)'],
      ['jpeg-magic-html.jpg', await hostileImages.jpegMagicThenHtml(), 'the file starts like a JPEG image but its header does not decode'],
      ['jpeg-magic-text.jpg', await hostileImages.jpegMagicThenText(), 'the file starts like a JPEG image but its header does not decode'],
      ['five-bytes.pdf', hostilePdfs.bareHeader(), 'the PDF cannot be parsed'],
      ['huge.png', hostileImages.hugePngHeader(), 'the image is 50000 × 50000 pixels: at most 12000 a side and 40 megapixels'],
      ['object-stream-js.pdf', hostilePdfs.javaScriptInObjectStream(), 'the PDF contains JavaScript'],
      ['hex-escaped-js.pdf', hostilePdfs.lowerCaseHexName(), 'the PDF contains JavaScript'],
      ['launch.pdf', hostilePdfs.launchAction(), 'the PDF contains a launch action (it would start a program or open a file)'],
      ['embedded.pdf', hostilePdfs.embeddedFiles(), 'the PDF contains embedded files'],
      ['encrypted.pdf', hostilePdfs.encrypted(), 'the PDF is encrypted'],
    ];
    for (const [filename, content, reason] of hostile) {
      const refused = await http().post(`/v1/subscriptions/${id}/documents`).auth(session, { type: 'bearer' }).attach('document', content, filename);
      expect([filename, refused.status, refused.headers['content-type']]).toEqual([filename, 415, expect.stringMatching(/^application\/problem\+json/)]);
      expect(refused.body).toMatchObject({ status: 415, title: 'unsupported document', errors: [{ field: 'document', messages: [reason] }] });
      expect(refused.body.detail).toContain(reason);
    }
    expect(await documentsOf(id)).toBe(0);
    const followed = await http().get(`/v1/subscriptions/${id}`).auth(session, { type: 'bearer' }).expect(200);
    expect(followed.body.state).toBe('AWAITING_DOCUMENTS');
  });

  it.each([
    ['a scanned JPEG', 'cni.jpg', 'image/jpeg', '.jpg', () => scannedIdCardJpeg()],
    ['a PNG', 'cni.png', 'image/png', '.png', () => idCardPng()],
    ['a PDF made by pdfkit around the scan', 'cni.pdf', 'application/pdf', '.pdf', async () => idCopyPdf(await scannedIdCardJpeg())],
  ])('accepts %s and serves it back to staff inline, as its decoded type, sandboxed and never sniffed', async (_, filename, mediaType, extension, build) => {
    const content = await build();
    const { id, session } = await holder();
    // The declared type is not trusted either way: the content decides.
    const uploaded = await http().post(`/v1/subscriptions/${id}/documents`).auth(session, { type: 'bearer' }).attach('document', content, { filename, contentType: 'text/html' }).expect(201);
    expect(uploaded.body).toMatchObject({ mediaType, sizeBytes: content.length, state: 'IN_REVIEW' });
    const served = await http().get(`/v1/admin/documents/${uploaded.body.documentId}`).set('Authorization', `Bearer ${operator}`).buffer(true).parse(binary).expect(200);
    expect(served.headers['content-type']).toBe(mediaType);
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(served.headers['content-disposition']).toBe(`inline; filename="piece-identite-${uploaded.body.documentId}${extension}"`);
    expect(served.headers['cache-control']).toBe('no-store');
    expect((served.body as Buffer).equals(content)).toBe(true);
  });

  it('serves a copy stored before uploads were decoded, and that fails now, as an opaque attachment', async () => {
    const { id } = await holder();
    // As the old magic-byte check let it in: recorded as a PDF.
    const legacy = await system.api.get(DocumentVault).store(id, 'application/pdf', hostilePdfs.openActionJavaScript());
    const served = await http().get(`/v1/admin/documents/${legacy.id}`).set('Authorization', `Bearer ${operator}`).buffer(true).parse(binary).expect(200);
    expect(served.headers['content-type']).toBe('application/octet-stream');
    expect(served.headers['content-disposition']).toBe(`attachment; filename="piece-identite-${legacy.id}"`);
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect((served.body as Buffer).equals(hostilePdfs.openActionJavaScript())).toBe(true);
  });

  it('parses PDFs in a worker in the built API, and stops a parse that would take too long without stalling the API', async () => {
    // The API under test runs from its TypeScript sources, which parse in their own thread; the built module is what runs in production.
    const built = fileURLToPath(new URL('../../dist/apps/api/src/documents/pdf-check-in-worker.js', import.meta.url));
    const { pdfRefusalInWorker } = (await import(built)) as { pdfRefusalInWorker: (bytes: Buffer, timeLimitMs?: number) => Promise<string | undefined> };
    await expect(pdfRefusalInWorker(await idCopyPdf())).resolves.toBeUndefined();
    await expect(pdfRefusalInWorker(hostilePdfs.javaScriptInObjectStream())).resolves.toBe('the PDF contains JavaScript');
    // Five million array elements: seconds of synchronous parsing for pdf-lib.
    const slow = Buffer.from(`%PDF-1.7\n1 0 obj\n[${'1 '.repeat(5_000_000)}]\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`, 'latin1');
    let ticks = 0;
    const clock = setInterval(() => ticks++, 10);
    try {
      await expect(pdfRefusalInWorker(slow, 300)).resolves.toBe('the PDF takes too long to read');
    } finally {
      clearInterval(clock);
    }
    expect(ticks).toBeGreaterThan(5); // the event loop kept turning meanwhile
  });
});

/** A supertest parser keeping any answer as bytes (it would decode a PDF or an attachment otherwise). */
function binary(response: unknown, done: (error: Error | null, body: Buffer) => void): void {
  const stream = response as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
