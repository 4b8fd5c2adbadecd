import { describe, expect, it } from '@jest/globals';
import { Mailer } from './mailer.js';
import { messageIdForKey } from './message-id.js';
import type { ComposedMail, MailReceipt, MailTransport, OutgoingMail } from './outgoing-mail.js';

function recordingTransport(): MailTransport & { delivered: ComposedMail[] } {
  const delivered: ComposedMail[] = [];
  return {
    kind: 'outbox',
    delivered,
    async deliver(mail: ComposedMail): Promise<MailReceipt> {
      delivered.push(mail);
      return { messageId: mail.messageId, duplicate: false, location: 'memory' };
    },
    async close(): Promise<void> {},
  };
}

const mail: OutgoingMail = { to: 'elodie.martin@cabinet-martin.fr', subject: 'SIGNEXPERT – Test', text: 'Bonjour' };

describe('Mailer', () => {
  it('sends from the configured sender with a Message-ID derived from the idempotency key', async () => {
    const transport = recordingTransport();
    const mailer = new Mailer(transport, 'SIGNEXPERT <no-reply@signexpert.fr>', { log: () => undefined });
    const receipt = await mailer.send({ ...mail, idempotencyKey: 'cycle-1/issued', headers: { 'X-SignExpert-Reference': 'SX-1' } });
    expect(transport.delivered).toEqual([
      {
        ...mail,
        idempotencyKey: 'cycle-1/issued',
        headers: { 'X-SignExpert-Reference': 'SX-1' },
        from: 'SIGNEXPERT <no-reply@signexpert.fr>',
        messageId: messageIdForKey('cycle-1/issued', 'signexpert.fr'),
      },
    ]);
    expect(receipt.messageId).toBe(messageIdForKey('cycle-1/issued', 'signexpert.fr'));
  });

  it('uses the configured Message-ID domain, and fresh Message-IDs for messages without a key', async () => {
    const transport = recordingTransport();
    const mailer = new Mailer(transport, 'no-reply@signexpert.fr', { messageIdDomain: 'mail.ecma.example', log: () => undefined });
    await mailer.send(mail);
    await mailer.send(mail);
    const [first, second] = transport.delivered.map((delivered) => delivered.messageId);
    expect(first).toMatch(/@mail\.ecma\.example>$/);
    expect(first).not.toBe(second);
  });

  it.each<[string, Partial<OutgoingMail>]>([
    ['two addressees', { to: 'a@x.fr, b@x.fr' }],
    ['a display name smuggled into the address', { to: 'Eve <eve@x.fr>' }],
    ['a subject with a line break (header injection)', { subject: 'Test\r\nBcc: eve@x.fr' }],
    ['a blank idempotency key', { idempotencyKey: ' ' }],
    ['a header the mailer sets', { headers: { 'Message-ID': '<x@y>' } }],
    ['a header value with a line break', { headers: { 'X-Ref': 'a\nBcc: eve@x.fr' } }],
  ])('refuses %s before anything reaches the transport', async (_case, change) => {
    const transport = recordingTransport();
    const mailer = new Mailer(transport, 'no-reply@signexpert.fr', { log: () => undefined });
    await expect(mailer.send({ ...mail, ...change })).rejects.toThrow();
    expect(transport.delivered).toHaveLength(0);
  });

  it('logs the Message-ID, never the addressee nor the content (contract §7.1)', async () => {
    const lines: string[] = [];
    const mailer = new Mailer(recordingTransport(), 'no-reply@signexpert.fr', { log: (line) => lines.push(line) });
    const receipt = await mailer.send({ ...mail, text: 'https://www.signexpert.fr/preuve?token=secret-token' });
    expect(lines).toEqual([`mail ${receipt.messageId} sent via outbox`]);
    expect(lines.join('\n')).not.toMatch(/elodie|secret-token|Test/);
  });
});
