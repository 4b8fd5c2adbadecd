import { Inject, Injectable } from '@nestjs/common';
import { AsnConvert } from '@peculiar/asn1-schema';
import { BasicOCSPResponse, OCSPResponse, OCSPResponseStatus, id_pkix_ocsp_basic } from '@peculiar/asn1-ocsp';
import { DataSource } from 'typeorm';
import { OcspResponder, type CertificateStatus, type OcspAuthority, type StatusLookup } from '#libs/ca-core';
import { isRevocationReason } from '#libs/domain';
import { CertificateRecord } from '#libs/persistence';
import { CaRepository } from './ca-repository.js';

/** An OCSP response and, when it is a signed one, the window in which caches may serve it. */
export interface OcspAnswer {
  readonly der: Buffer;
  readonly validity?: { readonly thisUpdate: Date; readonly nextUpdate: Date };
}

/** The part of a certificate record an OCSP answer is made of. */
export type StatusRecord = Pick<CertificateRecord, 'revokedAt' | 'revocationReason'>;

/**
 * RFC 6960 §2.2: revoked with time and reason once the record says so, good otherwise, unknown for
 * a serial this issuing CA never issued. An unknown reason name is left out rather than guessed.
 */
export function certificateStatus(record: StatusRecord | null): CertificateStatus {
  if (!record) return { status: 'unknown' };
  if (!record.revokedAt) return { status: 'good' };
  const reason = record.revocationReason;
  return { status: 'revoked', revokedAt: record.revokedAt, ...(reason && isRevocationReason(reason) ? { reason } : {}) };
}

/**
 * thisUpdate / nextUpdate of a successful basic response (the earliest nextUpdate when it answers
 * several CertIDs); undefined for the unsigned error statuses, which carry none.
 */
export function responseValidity(der: Uint8Array): OcspAnswer['validity'] {
  const response = AsnConvert.parse(der, OCSPResponse);
  if (response.responseStatus !== OCSPResponseStatus.successful || response.responseBytes?.responseType !== id_pkix_ocsp_basic) return undefined;
  const basic = AsnConvert.parse(response.responseBytes.response.buffer, BasicOCSPResponse);
  const singles = basic.tbsResponseData.responses;
  const nextUpdates = singles.map((single) => single.nextUpdate?.getTime()).filter((time): time is number => time !== undefined);
  if (singles.length === 0 || nextUpdates.length !== singles.length) return undefined;
  return { thisUpdate: basic.tbsResponseData.producedAt, nextUpdate: new Date(Math.min(...nextUpdates)) };
}

/** Answers OCSP requests for every issuing CA through its delegated responder, from the certificate records. */
@Injectable()
export class OcspService {
  private current?: { authorities: readonly OcspAuthority[]; responder: OcspResponder };

  constructor(
    @Inject(CaRepository) private readonly ca: CaRepository,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  /** Never throws for bad input (the responder answers malformedRequest); throws CaUnavailableError while the CA cannot sign. */
  async respond(requestDer: Buffer): Promise<OcspAnswer> {
    const der = await this.responder(await this.ca.ocspAuthorities()).respond(requestDer);
    const validity = responseValidity(der);
    return { der, ...(validity ? { validity } : {}) };
  }

  private readonly lookup: StatusLookup = async (issuer, serial) =>
    certificateStatus(
      await this.dataSource.getRepository(CertificateRecord).findOne({
        select: { serial: true, revokedAt: true, revocationReason: true },
        where: { region: issuer, serial },
      }),
    );

  /** One responder per loading of the authorities (a reload may bring a renewed responder certificate). */
  private responder(authorities: readonly OcspAuthority[]): OcspResponder {
    if (this.current?.authorities !== authorities) {
      const responder = new OcspResponder({
        authorities,
        lookup: this.lookup,
        clock: () => new Date(),
        config: this.ca.pkiConfig,
      });
      this.current = { authorities, responder };
    }
    return this.current.responder;
  }
}
