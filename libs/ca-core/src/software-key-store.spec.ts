import { describe, expect, it } from '@jest/globals';
import { verify } from 'node:crypto';
import { FAST_SCRYPT } from '../spec-support/fixtures.js';
import { MemoryCaStorage } from './ca-storage.js';
import { KeyAlreadyExistsError, KeyStoreError, WrongPassphraseError } from './errors.js';
import { publicKeyObject } from './public-keys.js';
import { SoftwareKeyStore } from './software-key-store.js';

describe('software key store', () => {
  it('keeps keys encrypted at rest and reopens them with the passphrase', async () => {
    const storage = new MemoryCaStorage();
    const store = await SoftwareKeyStore.open({ storage, passphrase: 'open sesame', scrypt: FAST_SCRYPT });
    const key = await store.generateKey('ca-test', 'P-256');
    const file = (await storage.read('keys/ca-test.key.json'))!.toString();
    expect(file).not.toMatch(/PRIVATE KEY/);
    expect(JSON.parse(file)).toMatchObject({ algorithm: 'P-256', privateKey: { iv: expect.any(String), tag: expect.any(String) } });
    await store.close();

    const reopened = await SoftwareKeyStore.open({ storage, passphrase: 'open sesame' });
    const loaded = (await reopened.findKey('ca-test'))!;
    expect(loaded.publicKey.equals(key.publicKey)).toBe(true);
    const signature = await loaded.sign(Buffer.from('data'));
    expect(verify('sha256', Buffer.from('data'), { key: publicKeyObject(key.publicKey), dsaEncoding: 'der' }, signature)).toBe(true);
    expect(await reopened.findKey('absent')).toBeUndefined();
  });

  it('refuses a wrong passphrase, and never replaces an existing key', async () => {
    const storage = new MemoryCaStorage();
    const store = await SoftwareKeyStore.open({ storage, passphrase: 'right', scrypt: FAST_SCRYPT });
    await store.generateKey('ca-test', 'P-256');
    await expect(store.generateKey('ca-test', 'P-384')).rejects.toBeInstanceOf(KeyAlreadyExistsError);
    await expect(SoftwareKeyStore.open({ storage, passphrase: 'wrong' })).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('detects a key file moved under another id (authenticated data binds the id)', async () => {
    const storage = new MemoryCaStorage();
    const store = await SoftwareKeyStore.open({ storage, passphrase: 'p', scrypt: FAST_SCRYPT });
    await store.generateKey('a', 'P-256');
    const file = JSON.parse((await storage.read('keys/a.key.json'))!.toString());
    await storage.create('keys/b.key.json', Buffer.from(JSON.stringify({ ...file, keyId: 'b' })));
    await expect(store.findKey('b')).rejects.toThrow(KeyStoreError);
  });
});
