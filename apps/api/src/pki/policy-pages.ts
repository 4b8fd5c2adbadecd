import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { OID, caCertificateUrl, crlUrl, holderProfile, ocspUrl, type PkiConfig } from '#libs/ca-core';
import { REGIONS, REGION_CODES, type CertificateProfileName } from '#libs/domain';

/** The documents a certificate points to: the two certificate policies (their CPS URIs) and the general conditions. */
export const POLICY_PAGES = ['pc-signature', 'pc-authentification', 'conditions-generales'] as const;
export type PolicyPageName = (typeof POLICY_PAGES)[number];

export function isPolicyPageName(value: string): value is PolicyPageName {
  return (POLICY_PAGES as readonly string[]).includes(value);
}

export interface PolicyPage {
  readonly contentType: string;
  readonly body: string;
}

/** The contract the product implements, as committed beside this file (shared/seed). */
const CONDITIONS_FILE = 'conditions-generales-signexpert.txt';

/** What each profile is for, in the contract's words (§8.1, §8.2). */
const PROFILE_TEXT: Readonly<Record<CertificateProfileName, { title: string; page: PolicyPageName; usage: string; limits: string }>> = {
  signature: {
    title: 'Politique de certification — certificat de signature électronique SIGNEXPERT',
    page: 'pc-signature',
    usage:
      "Le certificat de signature électronique peut être employé dans le cadre d'une signature électronique de l'article 1316-4 " +
      'du Code civil (niveau trois étoiles du Référentiel Général de Sécurité), avec l’outil de signature SIGNEXPERT (conditions générales, §8.1 et §10).',
    limits:
      "Il sert à signer et à rien d'autre : il ne s'emploie pas pour s'authentifier auprès d'un service (conditions générales, §8.2).",
  },
  authentication: {
    title: 'Politique de certification — certificat d’authentification SIGNEXPERT',
    page: 'pc-authentification',
    usage:
      "Le certificat d'authentification peut être employé comme moyen de sécurisation de toute transaction électronique, notamment " +
      "les téléservices de l'article 1 de l'ordonnance n° 2005-1516 du 8 décembre 2005 (conditions générales, §8.1).",
    limits:
      "Il ne peut pas servir dans le cadre d'une signature électronique : chaque certificat a une utilité et une seule (conditions générales, §8.2).",
  },
};

const KEY_USAGE_TEXT: Readonly<Record<string, string>> = {
  nonRepudiation: 'nonRepudiation (contentCommitment) : engagement du signataire sur le contenu signé',
  digitalSignature: 'digitalSignature : signature de défis d’authentification',
};

const EXTENDED_KEY_USAGE_TEXT: Readonly<Record<string, string>> = {
  [OID.clientAuth]: `clientAuth (${OID.clientAuth}) : authentification du client TLS`,
};

/**
 * The public policy pages. The certificate policies are written from the profiles the CA issues
 * with (OIDs, key usages, validity, URLs), so the page cannot drift from the certificates.
 */
export class PolicyPages {
  private conditions?: Promise<string>;

  constructor(
    private readonly config: PkiConfig,
    private readonly conditionsPath: () => Promise<string> = locateConditions,
  ) {}

  async page(name: PolicyPageName): Promise<PolicyPage> {
    if (name === 'conditions-generales') {
      this.conditions ??= this.conditionsPath().then((path) => readFile(path, 'utf8'));
      return { contentType: 'text/plain; charset=utf-8', body: await this.conditions };
    }
    return { contentType: 'text/html; charset=utf-8', body: this.certificatePolicy(name === 'pc-signature' ? 'signature' : 'authentication') };
  }

  private certificatePolicy(profileName: CertificateProfileName): string {
    const config = this.config;
    const profile = holderProfile(config, profileName);
    const text = PROFILE_TEXT[profileName];
    const extendedKeyUsages = profile.extendedKeyUsage.length
      ? profile.extendedKeyUsage.map((oid) => EXTENDED_KEY_USAGE_TEXT[oid] ?? oid)
      : ['aucun (extension absente : le certificat ne sert à aucun autre usage)'];
    const years = config.holderValidityMonths % 12 === 0 ? `${config.holderValidityMonths / 12} ans` : `${config.holderValidityMonths} mois`;
    const crls = REGION_CODES.map((region) => `${REGIONS[region]} (${region}) : ${link(crlUrl(config, region))}`);
    const base = config.repositoryBaseUrl;
    return `<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>${escapeHtml(text.title)}</title></head>
<body>
<h1>${escapeHtml(text.title)}</h1>
<dl>
<dt>Identifiant de la politique (OID)</dt><dd><code>${escapeHtml(profile.policy.oid)}</code></dd>
<dt>Adresse de ce document (CPS)</dt><dd>${link(profile.policy.cpsUri)}</dd>
<dt>Autorités de certification</dt><dd>Les AC régionales « ${escapeHtml(config.issuingCaCommonNamePrefix)} &lt;région&gt; », une par conseil régional (CROEC), certifiées par l’AC racine « ${escapeHtml(config.rootCommonName)} » (${escapeHtml(config.organizationName)}).</dd>
</dl>
<h2>Usage</h2>
<p>${escapeHtml(text.usage)}</p>
<p>${escapeHtml(text.limits)}</p>
<h2>Usages de la clé</h2>
<ul>
<li>keyUsage (critique) : ${profile.keyUsage.map((bit) => escapeHtml(KEY_USAGE_TEXT[bit] ?? bit)).join(', ')}</li>
<li>extKeyUsage : ${extendedKeyUsages.map(escapeHtml).join(', ')}</li>
</ul>
<p>Les clés sont générées dans la clé cryptographique USB du porteur et n’en sortent pas ; le code d’activation lui parvient séparément, par voie postale (conditions générales, §5).</p>
<h2>Durée de validité</h2>
<p>${years} (conditions générales, §13.1) ; au-delà, les certificats doivent être renouvelés.</p>
<h2>Révocation et vérification</h2>
<ul>
<li>Service OCSP (RFC 6960) : ${link(ocspUrl(config))}</li>
<li>Listes de révocation (LCR), une par AC régionale :<ul>${crls.map((line) => `<li>${line}</li>`).join('')}</ul></li>
<li>Certificat de l’AC racine : ${link(caCertificateUrl(config, 'root'))} ; certificats des AC régionales : ${escapeHtml(`${base}/pki/ca/<région>.crt`)}</li>
</ul>
<p>Conditions générales des services de certification : ${link(`${base}/pki/policies/conditions-generales`)}</p>
</body>
</html>
`;
  }
}

function link(url: string): string {
  const escaped = escapeHtml(url);
  return `<a href="${escaped}">${escaped}</a>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * Beside this module when run from the sources (tests); the build (tsc) does not copy assets, so a
 * process running from dist/ reads the committed file from the source tree.
 */
async function locateConditions(): Promise<string> {
  const beside = fileURLToPath(new URL(`./assets/${CONDITIONS_FILE}`, import.meta.url));
  const candidates = [beside, beside.replace(/([\\/])dist[\\/](apps[\\/])/, '$1$2')];
  for (const candidate of candidates) {
    try {
      await readFile(candidate);
      return candidate;
    } catch {
      // next candidate
    }
  }
  throw new Error(`${CONDITIONS_FILE} not found (looked in ${candidates.join(', ')})`);
}
