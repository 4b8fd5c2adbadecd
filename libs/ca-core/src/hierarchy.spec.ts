import { describe, expect, it } from '@jest/globals';
import { FAST_SCRYPT, specPki } from '../spec-support/fixtures.js';
import { MemoryCaStorage } from './ca-storage.js';
import { HierarchyStateError } from './errors.js';
import { hierarchyNames, loadHierarchy, performKeyCeremony } from './hierarchy.js';
import { SoftwareKeyStore } from './software-key-store.js';

describe('key ceremony', () => {
  it('loads what exists and renews only OCSP responder certificates near expiry, on the same key', async () => {
    const { storage, keyStore, config, hierarchy } = await specPki({ config: { ocspResponderValidityMonths: 1 } });
    const again = await performKeyCeremony({ keyStore, storage, config, performedBy: 'op', now: new Date('2030-01-15T00:00:00Z'), regions: ['MAR'] });
    expect(again.record.outcome).toBe('initialised');
    expect(again.record.authorities.map((a) => [a.name, a.keyGenerated, a.certificate])).toEqual([
      ['root', false, 'existing'],
      ['MAR', false, 'existing'],
      ['ocsp-MAR', false, 'renewed'],
    ]);
    const responder = again.hierarchy.issuing.get('MAR')!.ocspResponder;
    expect(responder.key.publicKey.equals(hierarchy.issuing.get('MAR')!.ocspResponder.key.publicKey)).toBe(true);
    const loaded = await loadHierarchy({ keyStore, storage, config, regions: ['MAR'] });
    expect(loaded.issuing.get('MAR')!.ocspResponder.certificate.der.equals(responder.certificate.der)).toBe(true);
  });

  it('stops rather than generate a new key for an existing CA certificate', async () => {
    const { storage, config } = await specPki();
    // Same certificates, an empty key store: the CA keys are "lost".
    const emptyStore = await SoftwareKeyStore.open({ storage: new MemoryCaStorage(), passphrase: 'x', scrypt: FAST_SCRYPT });
    await expect(
      performKeyCeremony({ keyStore: emptyStore, storage, config, performedBy: 'op', now: new Date('2030-01-02'), regions: ['MAR'] }),
    ).rejects.toThrow(HierarchyStateError);
    expect(await emptyStore.findKey(hierarchyNames.rootKeyId)).toBeUndefined();
    await expect(loadHierarchy({ keyStore: emptyStore, storage, config, regions: ['MAR'] })).rejects.toThrow(/run the key ceremony/);
  });
});
