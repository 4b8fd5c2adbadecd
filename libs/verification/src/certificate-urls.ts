import { AuthorityInfoAccessSyntax, CRLDistributionPoints } from '@peculiar/asn1-x509';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate } from 'pkijs';

const CRL_DISTRIBUTION_POINTS = '2.5.29.31';
const AUTHORITY_INFO_ACCESS = '1.3.6.1.5.5.7.1.1';
const OCSP_ACCESS = '1.3.6.1.5.5.7.48.1';
const CA_ISSUERS_ACCESS = '1.3.6.1.5.5.7.48.2';

/** Where a certificate says its status and its issuer can be found (RFC 5280 §4.2.1.13, §4.2.2.1). */
export interface CertificateUrls {
  readonly crl: string[];
  readonly ocsp: string[];
  readonly caIssuers: string[];
}

/** The http(s) URLs a certificate carries; other schemes (ldap, …) are left out. */
export function certificateUrls(der: Uint8Array): CertificateUrls {
  const certificate = Certificate.fromBER(der);
  const extensionValue = (oid: string) => {
    const extension = certificate.extensions?.find((candidate) => candidate.extnID === oid);
    return extension ? extension.extnValue.valueBlock.valueHexView : undefined;
  };
  const urls: { crl: string[]; ocsp: string[]; caIssuers: string[] } = { crl: [], ocsp: [], caIssuers: [] };
  const distribution = extensionValue(CRL_DISTRIBUTION_POINTS);
  if (distribution) {
    for (const point of AsnConvert.parse(distribution, CRLDistributionPoints)) {
      for (const name of point.distributionPoint?.fullName ?? []) {
        if (name.uniformResourceIdentifier) urls.crl.push(name.uniformResourceIdentifier);
      }
    }
  }
  const access = extensionValue(AUTHORITY_INFO_ACCESS);
  if (access) {
    for (const description of AsnConvert.parse(access, AuthorityInfoAccessSyntax)) {
      const url = description.accessLocation.uniformResourceIdentifier;
      if (!url) continue;
      if (description.accessMethod === OCSP_ACCESS) urls.ocsp.push(url);
      if (description.accessMethod === CA_ISSUERS_ACCESS) urls.caIssuers.push(url);
    }
  }
  const http = (list: string[]) => list.filter((url) => /^https?:\/\//i.test(url));
  return { crl: http(urls.crl), ocsp: http(urls.ocsp), caIssuers: http(urls.caIssuers) };
}
