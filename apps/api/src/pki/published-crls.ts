import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CrlRecord } from '#libs/persistence';

/** The CRLs the worker's CRL publisher recorded; this side only reads them. */
@Injectable()
export class PublishedCrls {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The highest-numbered CRL of the CA (RFC 5280 §5.2.3: cRLNumber increases), or null before the first one. */
  latest(ca: string): Promise<CrlRecord | null> {
    return this.dataSource.getRepository(CrlRecord).findOne({ where: { region: ca }, order: { crlNumber: 'DESC' } });
  }
}
