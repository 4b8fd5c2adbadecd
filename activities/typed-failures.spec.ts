import { describe, expect, it } from '@jest/globals';
import { ApplicationFailure } from '@temporalio/common';
import { QueryFailedError } from 'typeorm';
import { DerError, IncompleteKeyPairError, InvalidRegistrationError, KeyStoreError } from '#libs/ca-core';
import { clean, typedFailure, withTypedFailures } from './typed-failures.js';

/** What pg's driver throws for a refused statement: its `name` is the protocol message name. */
function pgError(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: 'error', code, severity: 'ERROR' });
}

describe('typedFailure', () => {
  it('makes a NUL byte refused by PostgreSQL a final, typed failure that keeps no parameter', () => {
    const error = new QueryFailedError('INSERT INTO subscriptions …', ['Cabinet\u0000NUL', 'secret@example.fr'], pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'));
    const failure = typedFailure(error) as ApplicationFailure;
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'DatabaseRefusal', nonRetryable: true });
    expect(failure.message).toBe('database data exception (SQLSTATE 22021): invalid byte sequence for encoding "UTF8": 0x00');
    expect(JSON.stringify({ message: failure.message, details: failure.details, cause: failure.cause })).not.toContain('secret@example.fr');
  });

  it.each([
    ['23514', 'integrity constraint violation'],
    ['22001', 'data exception'],
    ['42P01', 'syntax error or access rule violation'],
  ])('makes SQLSTATE %s (%s) final', (code) => {
    expect(typedFailure(new QueryFailedError('q', [], pgError(code, 'refused')))).toMatchObject({ nonRetryable: true, type: 'DatabaseRefusal' });
  });

  it.each(['40001', '40P01', '57P01', '08006', '53300'])('leaves SQLSTATE %s (transient) retryable', (code) => {
    expect(typedFailure(pgError(code, 'try again'))).toMatchObject({ nonRetryable: false, type: 'DatabaseError' });
  });

  it('follows the CA core: a refusal is final, a key store failure retryable, an incomplete key pair final', () => {
    expect(typedFailure(new InvalidRegistrationError('email is not ASCII'))).toMatchObject({ type: 'InvalidRegistrationError', nonRetryable: true });
    expect(typedFailure(new KeyStoreError('C_Sign failed: CKR_DEVICE_ERROR'))).toMatchObject({ type: 'KeyStoreError', nonRetryable: false });
    expect(typedFailure(new IncompleteKeyPairError('half-made'))).toMatchObject({ type: 'IncompleteKeyPairError', nonRetryable: true });
  });

  it('makes DER that does not decode final: the same bytes decode the same way next time', () => {
    expect(typedFailure(new DerError('truncated DER'))).toMatchObject({ type: 'DerError', nonRetryable: true });
  });

  it('makes a mail server’s permanent refusal (SMTP 5yz) final, naming no address; a 4yz reply is retried', () => {
    // As nodemailer reports a refused recipient.
    const refused = Object.assign(new Error("Can't send mail - all recipients were rejected: 501 5.1.3 Bad recipient address syntax <0@x.fr>"), { code: 'EENVELOPE', responseCode: 501 });
    const failure = typedFailure(refused) as ApplicationFailure;
    expect(failure).toMatchObject({ type: 'MailRefused', nonRetryable: true, message: 'mail refused by the mail server (SMTP 501)' });
    const busy = Object.assign(new Error('451 4.3.0 try again later'), { code: 'EENVELOPE', responseCode: 451 });
    expect(typedFailure(busy)).toBe(busy);
  });

  it('passes other errors (retried within bounds) and ApplicationFailures through', () => {
    const plain = new Error('ECONNREFUSED');
    expect(typedFailure(plain)).toBe(plain);
    const failure = ApplicationFailure.nonRetryable('no', 'Mine');
    expect(typedFailure(failure)).toBe(failure);
  });

  it('keeps one line without control characters, bounded', () => {
    expect(clean('first\u001b[31m line\nsecond')).toBe('first [31m line');
    expect(clean('x'.repeat(1000))).toHaveLength(300);
  });
});

describe('withTypedFailures', () => {
  it('wraps every activity, passing results through and typing failures', async () => {
    const activities = withTypedFailures({
      ok: async (n: number) => n + 1,
      refused: async () => {
        throw pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00');
      },
    });
    await expect(activities.ok(1)).resolves.toBe(2);
    await expect(activities.refused()).rejects.toMatchObject({ type: 'DatabaseRefusal', nonRetryable: true });
  });
});
