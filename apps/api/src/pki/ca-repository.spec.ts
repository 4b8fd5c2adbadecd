import { describe, expect, it } from '@jest/globals';
import {
  MemoryCaStorage,
  SoftwareKeyStore,
  defaultPkiConfig,
  hierarchyNames,
  performKeyCeremony,
  type CaStorage,
  type KeyStore,
} from '#libs/ca-core';
import { CaRepository, CaUnavailableError } from './ca-repository.js';

const config = defaultPkiConfig({ repositoryBaseUrl: 'http://pki.test' });
const passphrase = 'a passphrase long enough';
const openStore = (storage: CaStorage) => SoftwareKeyStore.open({ storage, passphrase, scrypt: { N: 1024, r: 8, p: 1 } });

/** What the worker's start-up does: the idempotent key ceremony, all regions. */
async function ceremony(storage: CaStorage) {
  const keyStore = await openStore(storage);
  const { hierarchy } = await performKeyCeremony({ keyStore, storage, config, performedBy: 'spec', now: new Date() });
  return hierarchy;
}

function repository(storage: CaStorage, clock: { now: number }, openKeyStore: (() => Promise<KeyStore>) | { unavailable: string } = () => openStore(storage)) {
  let openings = 0;
  const counting = typeof openKeyStore === 'function' ? () => (openings++, openKeyStore()) : openKeyStore;
  return { ca: new CaRepository({ storage, pkiConfig: config, openKeyStore: counting, now: () => clock.now }), openings: () => openings };
}

describe('CaRepository (the API reads the CA the worker made)', () => {
  it('answers "not initialised" before the ceremony without creating any CA state, then loads it on a later request', async () => {
    const storage = new MemoryCaStorage();
    const clock = { now: 0 };
    const { ca, openings } = repository(storage, clock);

    await expect(ca.caCertificate('root')).rejects.toThrow(CaUnavailableError);
    await expect(ca.ocspAuthorities()).rejects.toThrow(/not been initialised/);
    expect(openings()).toBe(0); // opening a software store would create it
    expect(await storage.list('')).toEqual([]);

    const hierarchy = await ceremony(storage);
    await expect(ca.ocspAuthorities()).rejects.toThrow(CaUnavailableError); // within the retry window
    clock.now += 1_001;
    const loaded = await ca.ocspAuthorities();
    expect(loaded.map((authority) => authority.region)).toEqual([...hierarchy.issuing.keys()]);
    const bre = loaded.find((authority) => authority.region === 'BRE')!;
    expect(bre.ca.certificate.der.equals(hierarchy.issuing.get('BRE')!.ca.certificate.der)).toBe(true);
    expect(bre.ocspResponder.certificate.der.equals(hierarchy.issuing.get('BRE')!.ocspResponder.certificate.der)).toBe(true);
    const probe = Buffer.from('tbs');
    expect((await bre.ocspResponder.key.sign(probe)).length).toBeGreaterThan(0);
    // The internet-facing process holds no CA signing key, only the delegated responders' keys.
    await expect(bre.ca.key.sign(probe)).rejects.toThrow(/holds no signing key for CA BRE/);
    expect(await ca.ocspAuthorities()).toBe(loaded); // kept, not reloaded per request
    expect(openings()).toBe(1);
    expect((await ca.caCertificate('BRE')).der.equals(hierarchy.issuing.get('BRE')!.ca.certificate.der)).toBe(true);
  });

  it('serves the CA certificates without a key store, and says why OCSP is unavailable', async () => {
    const storage = new MemoryCaStorage();
    const hierarchy = await ceremony(storage);
    const { ca } = repository(storage, { now: 0 }, { unavailable: 'CA_KEY_PASSPHRASE is not configured for the API' });
    const root = await ca.caCertificate('root');
    expect(root.der.equals(hierarchy.root.certificate.der)).toBe(true);
    expect(root.pem).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(root.sha256).toMatch(/^[0-9a-f]{64}$/);
    await expect(ca.ocspAuthorities()).rejects.toThrow(/OCSP is not available from this API process: CA_KEY_PASSPHRASE/);
  });

  it('reports a wrong passphrase as unavailable, and a missing key as not initialised', async () => {
    const storage = new MemoryCaStorage();
    await ceremony(storage);
    const wrong = repository(storage, { now: 0 }, () => SoftwareKeyStore.open({ storage, passphrase: 'not the passphrase at all' }));
    await expect(wrong.ca.ocspAuthorities()).rejects.toThrow(/CA_KEY_PASSPHRASE does not open the CA key store/);

    const partial = new MemoryCaStorage();
    await partial.create(hierarchyNames.rootCertificate, (await storage.read(hierarchyNames.rootCertificate))!);
    const { ca } = repository(partial, { now: 0 });
    await expect(ca.ocspAuthorities()).rejects.toThrow(/not been initialised yet.*missing/);
  });

  it('reads the responders again after an hour (renewed OCSP responder certificates), keeping the old ones if that fails', async () => {
    const storage = new MemoryCaStorage();
    await ceremony(storage);
    const clock = { now: 0 };
    const { ca } = repository(storage, clock);
    const first = await ca.ocspAuthorities();
    clock.now += 60 * 60_000;
    const second = await ca.ocspAuthorities();
    expect(second).not.toBe(first);
    await storage.replace(hierarchyNames.ocspCertificate('BRE'), Buffer.from('damaged'));
    clock.now += 60 * 60_000;
    expect(await ca.ocspAuthorities()).toBe(second);
  });
});
