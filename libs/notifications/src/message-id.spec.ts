import { describe, expect, it } from '@jest/globals';
import { domainOfAddress, messageIdForKey, randomMessageId } from './message-id.js';

describe('Message-IDs', () => {
  it('derives the same Message-ID from the same key, so a retried send is recognisable', () => {
    const first = messageIdForKey('subscription-42/email-proof/1', 'signexpert.fr');
    expect(messageIdForKey('subscription-42/email-proof/1', 'signexpert.fr')).toBe(first);
    expect(first).toMatch(/^<[0-9a-f]{40}@signexpert\.fr>$/);
    expect(messageIdForKey('subscription-42/email-proof/2', 'signexpert.fr')).not.toBe(first);
  });

  it('shows nothing of the key in the header', () => {
    expect(messageIdForKey('subscription-42/email-proof/1', 'signexpert.fr')).not.toMatch(/subscription|42|proof/);
  });

  it('gives messages without a key distinct Message-IDs', () => {
    expect(randomMessageId('signexpert.fr')).not.toBe(randomMessageId('signexpert.fr'));
  });

  it('takes the domain from the sender, with or without a display name', () => {
    expect(domainOfAddress('SIGNEXPERT <No-Reply@SignExpert.fr>')).toBe('signexpert.fr');
    expect(domainOfAddress('no-reply@ecma.example')).toBe('ecma.example');
    expect(() => domainOfAddress('SIGNEXPERT')).toThrow(/no domain/);
  });
});
