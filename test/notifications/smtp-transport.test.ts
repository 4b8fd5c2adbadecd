import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { certificatesIssued, createMailer, messageIdForKey, type Mailer } from '#libs/notifications';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp-capture.js';

/** The SMTP transport against a real SMTP server in this process. */
describe('mail over SMTP', () => {
  let smtp: SmtpCapture;
  let mailer: Mailer;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    mailer = createMailer(
      { from: 'SIGNEXPERT <no-reply@signexpert.fr>', transport: { kind: 'smtp', host: smtp.host, port: smtp.port, secure: false } },
      { log: () => undefined },
    );
  });

  afterAll(async () => {
    await mailer?.close();
    await smtp?.stop();
  });

  it('delivers a rendered French message to its addressee, readable back as sent', async () => {
    const rendered = certificatesIssued({
      holder: { givenName: 'Élodie', surname: 'Martin' },
      reference: 'SX-2026-0042',
      region: 'NAQ',
      certificates: [{ profile: 'signature', serialNumber: '5F3A9C01D2E4B677', notAfter: '2028-05-01T09:00:00Z' }],
    });
    const receipt = await mailer.send({
      to: 'elodie.martin@cabinet-martin.fr',
      ...rendered,
      idempotencyKey: 'smtp-test/issued',
      headers: { 'X-SignExpert-Reference': 'SX-2026-0042' },
    });

    const received = await smtp.waitFor((mail) => mail.messageId === receipt.messageId, 5_000);
    expect(received.to).toEqual(['elodie.martin@cabinet-martin.fr']);
    expect(received.from).toBe('no-reply@signexpert.fr');
    expect(received.subject).toBe('SIGNEXPERT – Vos certificats ont été émis');
    expect(received.text.trim()).toBe(rendered.text.trim());
    expect(received.headers['x-signexpert-reference']).toBe('SX-2026-0042');
    expect(receipt).toMatchObject({ duplicate: false, location: expect.stringMatching(/^250/) });
  });

  it('gives a retried send the same Message-ID, so the duplicate is recognisable', async () => {
    const message = { to: 'paul.durand@ecma.example', subject: 'SIGNEXPERT – Relance', text: 'Bonjour', idempotencyKey: 'smtp-test/retried' };
    const first = await mailer.send(message);
    const second = await mailer.send(message);
    const expected = messageIdForKey('smtp-test/retried', 'signexpert.fr');
    expect(first.messageId).toBe(expected);
    expect(second.messageId).toBe(expected);
    await smtp.waitFor((mail) => smtp.messages.filter((other) => other.messageId === expected).length === 2, 5_000);
    expect(smtp.messages.filter((mail) => mail.messageId === expected).map((mail) => mail.headers['message-id'])).toEqual([expected, expected]);
  });

  it('fails the send (so the activity retries) when no SMTP server answers', async () => {
    const closed = await startSmtpCapture();
    await closed.stop();
    const unreachable = createMailer(
      { from: 'no-reply@signexpert.fr', transport: { kind: 'smtp', host: closed.host, port: closed.port, connectionTimeoutMs: 2_000 } },
      { log: () => undefined },
    );
    await expect(unreachable.send({ to: 'a@b.fr', subject: 'x', text: 'x' })).rejects.toThrow();
    await unreachable.close();
  });
});
