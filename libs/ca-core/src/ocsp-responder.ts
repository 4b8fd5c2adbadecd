import { createHash } from 'node:crypto';
import { type RegionCode, type RevocationReason, revocationReasonCode } from '#libs/domain';
import type { CertificateAuthority } from './certificate-authority.js';
import { type PkiConfig, truncateToSeconds } from './certificate-profiles.js';
import { signStructure } from './certificate-template.js';
import { enumerated, explicit, generalizedTime, octetString, oid, sequence, tlv } from './der.js';
import { OID } from './oids.js';
import { type OcspCertId, parseOcspRequest } from './ocsp-request.js';
import { keyIdentifier, subjectPublicKeyBits } from './public-keys.js';
import type { SerialNumber } from './serial-numbers.js';

export type CertificateStatus =
  | { readonly status: 'good' }
  | { readonly status: 'revoked'; readonly revokedAt: Date | string; readonly reason?: RevocationReason }
  | { readonly status: 'unknown' };

/** The caller's view of its records: status of `serial` issued by the `issuer` region's CA. */
export type StatusLookup = (issuer: RegionCode, serial: SerialNumber) => Promise<CertificateStatus>;

export interface OcspAuthority {
  readonly region: RegionCode;
  readonly ca: CertificateAuthority;
  /** Delegated responder certificate and key (id-kp-OCSPSigning, issued by `ca`). */
  readonly ocspResponder: CertificateAuthority;
}

export interface OcspResponderOptions {
  readonly authorities: Iterable<OcspAuthority>;
  readonly lookup: StatusLookup;
  readonly clock: () => Date;
  readonly config: Pick<PkiConfig, 'ocspValidityHours'>;
  /** Requests listing more CertIDs are refused as malformed. */
  readonly maxCertIds?: number;
}

/** OCSPResponseStatus (RFC 6960 §4.2.1) answers that carry no responseBytes. */
const UNSIGNED = {
  malformedRequest: sequence(enumerated(1)),
  internalError: sequence(enumerated(2)),
  unauthorized: sequence(enumerated(6)),
} as const;

const HASHES: Readonly<Record<string, string>> = {
  [OID.sha1]: 'sha1',
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
};

interface PreparedAuthority {
  readonly authority: OcspAuthority;
  /** hash algorithm OID -> issuerNameHash || issuerKeyHash */
  readonly certIdHashes: ReadonlyMap<string, Buffer>;
  /** ResponderID byKey [2] (RFC 6960 §4.2.1). */
  readonly responderId: Buffer;
  /** certs [0] EXPLICIT SEQUENCE OF Certificate: the responder's certificate, so clients can check the delegation. */
  readonly certs: Buffer;
}

/**
 * RFC 6960 responder for all issuing CAs, answering through each CA's delegated responder.
 * Never throws on bad input: a request it cannot read gets a malformedRequest response
 * (§4.2.1), an issuer it does not serve gets unauthorized (RFC 5019 §2.2.3).
 */
export class OcspResponder {
  private readonly authorities: PreparedAuthority[];

  constructor(private readonly options: OcspResponderOptions) {
    this.authorities = [...options.authorities].map(prepareAuthority);
  }

  async respond(requestDer: Uint8Array): Promise<Buffer> {
    let request;
    try {
      request = parseOcspRequest(requestDer);
    } catch {
      return UNSIGNED.malformedRequest;
    }
    if (request.certIds.length > (this.options.maxCertIds ?? 16)) return UNSIGNED.malformedRequest;
    const prepared = this.authorities.find((candidate) => servedBy(candidate, request.certIds[0]));
    if (!prepared) return UNSIGNED.unauthorized;
    const now = truncateToSeconds(this.options.clock());
    const nextUpdate = new Date(now.getTime() + this.options.config.ocspValidityHours * 3_600_000);
    let responses: Buffer[];
    try {
      responses = await Promise.all(
        request.certIds.map(async (certId) => {
          // CertIDs of other issuers in the same request: "unknown" (RFC 6960 §2.2).
          const status: CertificateStatus = servedBy(prepared, certId)
            ? await this.options.lookup(prepared.authority.region, certId.serial)
            : { status: 'unknown' };
          return singleResponse(certId, status, now, nextUpdate);
        }),
      );
    } catch {
      return UNSIGNED.internalError;
    }
    const responseData = sequence(
      prepared.responderId,
      generalizedTime(now),
      sequence(...responses),
      ...(request.nonceExtension ? [explicit(1, sequence(request.nonceExtension))] : []),
    );
    const responder = prepared.authority.ocspResponder;
    const signed = await signStructure(responseData, responder.signatureAlgorithm, responder.key);
    // BasicOCSPResponse = signed fields + certs; signStructure gave SEQUENCE { tbs, alg, sig }.
    const basic = tlv(0x30, signed.subarray(headerLength(signed)), prepared.certs);
    return sequence(enumerated(0), explicit(0, sequence(oid(OID.ocspBasic), octetString(basic))));
  }
}

function prepareAuthority(authority: OcspAuthority): PreparedAuthority {
  const name = authority.ca.certificate.subject;
  const key = subjectPublicKeyBits(authority.ca.certificate.subjectPublicKeyInfo);
  const certIdHashes = new Map<string, Buffer>();
  for (const [hashOid, hash] of Object.entries(HASHES)) {
    certIdHashes.set(hashOid, Buffer.concat([createHash(hash).update(name).digest(), createHash(hash).update(key).digest()]));
  }
  return {
    authority,
    certIdHashes,
    responderId: explicit(2, octetString(keyIdentifier(authority.ocspResponder.certificate.subjectPublicKeyInfo))),
    certs: explicit(0, sequence(authority.ocspResponder.certificate.der)),
  };
}

function servedBy(prepared: PreparedAuthority, certId: OcspCertId): boolean {
  const expected = prepared.certIdHashes.get(certId.hashAlgorithm);
  return !!expected && expected.equals(Buffer.concat([certId.issuerNameHash, certId.issuerKeyHash]));
}

/** SingleResponse (RFC 6960 §4.2.1): good [0] NULL, revoked [1] RevokedInfo, unknown [2] NULL. */
function singleResponse(certId: OcspCertId, status: CertificateStatus, thisUpdate: Date, nextUpdate: Date): Buffer {
  let certStatus: Buffer;
  if (status.status === 'good') certStatus = Buffer.of(0x80, 0x00);
  else if (status.status === 'unknown') certStatus = Buffer.of(0x82, 0x00);
  else {
    const code = status.reason ? revocationReasonCode(status.reason) : 0;
    // Like the CRL, no reason for "unspecified" (RFC 5280 §5.3.1).
    certStatus = tlv(
      0xa1,
      generalizedTime(truncateToSeconds(new Date(status.revokedAt))),
      ...(code ? [explicit(0, enumerated(code))] : []),
    );
  }
  return sequence(certId.der, certStatus, generalizedTime(thisUpdate), explicit(0, generalizedTime(nextUpdate)));
}

function headerLength(der: Buffer): number {
  return der[1] & 0x80 ? 2 + (der[1] & 0x7f) : 2;
}
