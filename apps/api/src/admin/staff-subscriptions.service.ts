import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SearchItem, StaffSubscriptionView } from '#libs/api-views';
import type { StaffActor } from '#libs/domain';
import { CertificateRecord, IdDocumentRecord, SubscriptionEventRecord, SubscriptionRecord } from '#libs/persistence';
import { toCertificateSummary } from '../subscriptions/certificate-summary.js';

const SEARCH_LIMIT = 50;

@Injectable()
export class StaffSubscriptionsService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** By surname or email prefix, exact registration number, or certificate serial; a CROEC agent sees their region only. */
  async search(q: string, viewer: StaffActor): Promise<{ items: SearchItem[] }> {
    const term = q.trim();
    const query = this.dataSource
      .getRepository(SubscriptionRecord)
      .createQueryBuilder('s')
      .where(
        `(lower(s.surname) LIKE :prefix OR lower(s.email) LIKE :prefix OR s.registration_number = :exact
          OR s.id IN (SELECT c.subscription_id FROM certificates c WHERE c.serial = :serial))`,
        { prefix: `${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`, exact: term, serial: term.toUpperCase() },
      )
      .orderBy('s.created_at', 'DESC')
      .limit(SEARCH_LIMIT);
    if (viewer.role === 'croec-agent') query.andWhere('s.region = :region', { region: viewer.region ?? '-' });
    const rows = await query.getMany();
    return {
      items: rows.map((s) => ({
        id: s.id,
        state: s.state,
        region: s.region,
        holder: { givenName: s.givenName, surname: s.surname, email: s.email, registrationNumber: s.registrationNumber, firm: s.firm },
      })),
    };
  }

  async view(id: string, viewer: StaffActor): Promise<StaffSubscriptionView> {
    const s = await this.dataSource.getRepository(SubscriptionRecord).findOneBy({ id });
    if (!s) throw new NotFoundException({ title: 'unknown subscription', detail: `No subscription ${id}` });
    assertRegion(viewer, s.region);
    const [events, certificates, documents] = await Promise.all([
      this.dataSource.getRepository(SubscriptionEventRecord).find({ where: { subscriptionId: id }, order: { seq: 'ASC' } }),
      this.dataSource.getRepository(CertificateRecord).find({ where: { subscriptionId: id }, order: { profile: 'ASC' } }),
      this.dataSource.getRepository(IdDocumentRecord).find({
        where: { subscriptionId: id },
        select: { id: true, mediaType: true, sizeBytes: true, sha256: true, uploadedAt: true },
        order: { uploadedAt: 'ASC' },
      }),
    ]);
    return {
      id: s.id,
      state: s.state,
      region: s.region,
      holder: { givenName: s.givenName, surname: s.surname, email: s.email, registrationNumber: s.registrationNumber, firm: s.firm },
      conditions: { version: s.conditionsVersion, acceptedAt: s.conditionsAcceptedAt.toISOString() },
      createdAt: s.createdAt.toISOString(),
      pendingAction: s.pendingAction,
      pendingDeadline: s.pendingDeadline?.toISOString() ?? null,
      previousSubscriptionId: s.previousSubscriptionId,
      timeline: events.map((e) => ({ state: e.state, at: e.at.toISOString(), by: e.by, note: e.note })),
      certificates: certificates.map(toCertificateSummary),
      documents: documents.map((d) => ({ id: d.id, mediaType: d.mediaType, sizeBytes: d.sizeBytes, sha256: d.sha256, uploadedAt: d.uploadedAt.toISOString() })),
    };
  }

  /** The subscription's region, for checks done before an action (e.g. a CROEC agent's hand-over). */
  async regionOf(id: string): Promise<string> {
    const s = await this.dataSource.getRepository(SubscriptionRecord).findOne({ where: { id }, select: { region: true } });
    if (!s) throw new NotFoundException({ title: 'unknown subscription', detail: `No subscription ${id}` });
    return s.region;
  }
}

/** Contract §6.2 and §7.1: a CROEC agent acts on, and sees, the holders of their own region only. */
export function assertRegion(viewer: StaffActor, region: string): void {
  if (viewer.role === 'croec-agent' && viewer.region !== region) {
    throw new ForbiddenException({ title: 'other region', detail: `an agent of region ${viewer.region ?? '(none)'} cannot act on region ${region}` });
  }
}
