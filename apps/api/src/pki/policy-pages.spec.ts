import { describe, expect, it } from '@jest/globals';
import { defaultPkiConfig } from '#libs/ca-core';
import { PolicyPages, isPolicyPageName } from './policy-pages.js';

const config = defaultPkiConfig({ repositoryBaseUrl: 'https://pki.signexpert.test/', policies: {
  signature: { oid: '1.3.6.1.4.1.99999.1.1', cpsUri: 'https://pki.signexpert.test/pki/policies/pc-signature' },
  authentication: { oid: '1.3.6.1.4.1.99999.2.1', cpsUri: 'https://pki.signexpert.test/pki/policies/pc-authentification' },
} });

describe('policy pages', () => {
  const pages = new PolicyPages(config);

  it('writes each certificate policy from the configured OID and the profile the CA issues with', async () => {
    const signature = await pages.page('pc-signature');
    expect(signature.contentType).toBe('text/html; charset=utf-8');
    expect(signature.body).toContain('<code>1.3.6.1.4.1.99999.1.1</code>');
    expect(signature.body).toContain('nonRepudiation');
    expect(signature.body).not.toContain('clientAuth');
    expect(signature.body).toContain('1316-4');
    expect(signature.body).toContain('2 ans');
    expect(signature.body).toContain('https://pki.signexpert.test/pki/crl/BRE.crl');
    expect(signature.body).toContain('https://pki.signexpert.test/pki/ocsp');

    const authentication = await pages.page('pc-authentification');
    expect(authentication.body).toContain('<code>1.3.6.1.4.1.99999.2.1</code>');
    expect(authentication.body).toContain('clientAuth (1.3.6.1.5.5.7.3.2)');
    expect(authentication.body).toContain('digitalSignature');
    expect(authentication.body).not.toContain('nonRepudiation');
    expect(authentication.body).toContain('ne peut pas servir dans le cadre d&#39;une signature électronique');
  });

  it('serves the general conditions as committed, in plain UTF-8 text', async () => {
    const conditions = await pages.page('conditions-generales');
    expect(conditions.contentType).toBe('text/plain; charset=utf-8');
    expect(conditions.body).toContain('CONDITIONS GENERALES DES SERVICES DE CERTIFICATION SIGNEXPERT');
    expect(conditions.body).toContain('8.- UTILISATION DES CERTIFICATS ELECTRONIQUES');
  });

  it('knows its three documents and nothing else', () => {
    expect(['pc-signature', 'pc-authentification', 'conditions-generales'].every(isPolicyPageName)).toBe(true);
    expect(isPolicyPageName('../secrets')).toBe(false);
  });
});
