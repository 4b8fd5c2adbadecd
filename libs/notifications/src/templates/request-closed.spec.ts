import { describe, expect, it } from '@jest/globals';
import { requestClosed } from './request-closed.js';

describe('requestClosed', () => {
  const holder = { givenName: 'Camille', surname: 'Durand' };

  it('says why the request ended, in French, and that nothing was issued', () => {
    const abandoned = requestClosed({ holder, reference: 'ABC-1', because: 'email-not-confirmed' });
    expect(abandoned.subject).toContain('close');
    expect(abandoned.text).toContain('ABC-1');
    expect(abandoned.text).toContain('n’a pas été confirmée');
    expect(abandoned.text).toContain('Aucun certificat n’a été émis');
    expect(requestClosed({ holder, reference: 'ABC-1', because: 'documents-missing' }).text).toContain('pièce d’identité');
    expect(requestClosed({ holder, reference: 'ABC-1', because: 'cancelled' }).text).toContain('annulée');
  });
});
