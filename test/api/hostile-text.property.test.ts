import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { CURRENT_CONDITIONS_VERSION, refuseText, type StaffRole } from '#libs/domain';
import { CertificateRecord, SubscriptionEventRecord, SubscriptionRecord } from '#libs/persistence';
import { HolderSessions, StaffAccounts } from '../../apps/api/src/auth/index.js';
import { publishMissingCrls } from '../../apps/worker/src/crl-schedules.js';
import { LifecycleDriver, agentOf, holderRegistration, tokenFromMail } from '../support/lifecycle-driver.js';
import { RelyingParty } from '../support/revocation-status.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

/** Generated inputs per text field (each field of each route below gets this many). */
const RUNS_PER_FIELD = Number(process.env.HOSTILE_TEXT_RUNS ?? 20);
/** Every answer within this bound (a registration waits up to 10 s for its workflow to record it). */
const ANSWER_BOUND_MS = 15_000;
/** A revocation visible to relying parties within this bound. */
const REVOCATION_BOUND_MS = 10_000;

/** Pieces that broke something once, or break something somewhere: each generated string carries one. */
const HOSTILE_PIECES = [
  '\u0000', '\r\n', '\n', '\r', '\t', '\u001b[31m', '\u007f', '\u0085', '\ud800', '\udfff', '\u202e', '\u2066', '\u200f', '\ufeff',
  '\u2028', '\uffff', '\u0301', '%00', '\\u0000', '<script>alert(1)</script>', "'; DROP TABLE subscriptions; --", '${jndi:ldap://x}', '../../etc/passwd',
];
/**
 * Arbitrary Unicode as an attacker or a broken client sends it: any UTF-16 code unit (controls,
 * lone surrogates), real-world graphemes (accents, scripts, emoji), strings built around one of
 * the pieces above, and 10 kB strings.
 */
const hostileText = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom(...HOSTILE_PIECES), fc.string({ maxLength: 20 })).map(([a, b, c]) => a + b + c) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }).map((s) => s.repeat(Math.ceil(10_240 / s.length)).slice(0, 10_240)) },
);

/** What a client puts on the wire: UTF-8, percent-encoded byte by byte (an unpaired surrogate becomes U+FFFD, as in any HTTP client). */
const inUrl = (text: string) => [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

interface TextField {
  route: string;
  field: string;
  send(text: string): request.Test;
}

/**
 * The invariant of DESIGN.md's revocation rule, tested as a property on the real stack: whatever
 * text arrives in any text field of any holder or staff route, every answer is a 2xx or a 4xx
 * within a bound, never a 5xx, nothing the text policy refuses is stored; and afterwards a staff
 * revocation of the cycles that received it is visible in OCSP and in the CRL within seconds.
 */
describe('hostile text in every text field of every holder and staff route (fast-check, real stack)', () => {
  let system: TestSystem;
  let driver: LifecycleDriver;
  let relyingParty: RelyingParty;
  const staff: Partial<Record<StaffRole, string>> = {};
  const http = () => request(system.api.getHttpServer());
  const as = (role: StaffRole) => ({ Authorization: `Bearer ${staff[role]}` });
  const targets: Record<'changes' | 'holderRevocation' | 'staffRevocation' | 'review' | 'delivery', { id: string; holder: Record<string, string> }> = {} as never;
  const statuses = new Map<number, number>();
  let generated = 0;
  let worstMs = 0;
  let worstRoute = '';

  async function cycleAt(stage: 'review' | 'delivery' | 'active') {
    const registration = holderRegistration();
    let id: string;
    if (stage === 'review') {
      id = await driver.start(registration);
      const mail = await system.smtp.waitFor((m) => m.headers['x-signexpert-reference'] === id && /Confirmez/.test(m.subject), 20_000);
      await driver.confirmEmail(id, tokenFromMail(mail.text));
      await driver.submitDocuments(id);
    } else {
      id = await driver.toDelivery(registration, system.smtp);
      if (stage === 'active') await driver.handOver(id, agentOf('BRE'));
    }
    const session = await system.api.get(HolderSessions).open({ subscriptionId: id });
    return { id, holder: { Authorization: `Bearer ${session.token}` } };
  }

  function fields(): TextField[] {
    const registrationBody = () => {
      const { acceptedConditions: _accepted, ...registration } = holderRegistration();
      return { ...registration, acceptedConditionsVersion: CURRENT_CONDITIONS_VERSION };
    };
    const registrationField = (field: string, put: (body: Record<string, unknown>, text: string) => void = (body, text) => (body[field] = text)): TextField => ({
      route: 'POST /v1/subscriptions',
      field,
      send: (text) => {
        const body: Record<string, unknown> = registrationBody();
        put(body, text);
        return http().post('/v1/subscriptions').send(body);
      },
    });
    const json = (route: string, field: string, send: (text: string) => request.Test): TextField => ({ route, field, send });
    const { changes, holderRevocation, staffRevocation, review, delivery } = targets;
    return [
      // Holder routes (contract §4, §9, §12.2; the relying parties' tools).
      ...['givenName', 'surname', 'email', 'registrationNumber', 'region', 'firm', 'acceptedConditionsVersion'].map((field) => registrationField(field)),
      registrationField('postalAddress[1]', (body, text) => (body.postalAddress = ['1 rue de la Paix', text])),
      json('POST /v1/subscriptions/email-confirmations', 'token', (text) => http().post('/v1/subscriptions/email-confirmations').send({ token: text })),
      json('POST /v1/sessions', 'email', (text) => http().post('/v1/sessions').send({ email: text })),
      json('POST /v1/sessions/magic-link', 'token', (text) => http().post('/v1/sessions/magic-link').send({ token: text })),
      json('GET /v1/subscriptions/:id', 'id', (text) => http().get(`/v1/subscriptions/${inUrl(text)}`).set(changes.holder)),
      ...['givenName', 'surname', 'email', 'registrationNumber', 'firm'].map((field) =>
        json('POST /v1/subscriptions/:id/changes', field, (text) => http().post(`/v1/subscriptions/${changes.id}/changes`).set(changes.holder).send({ [field]: text })),
      ),
      json('POST /v1/subscriptions/:id/revocation-requests', 'reason', (text) =>
        http().post(`/v1/subscriptions/${holderRevocation.id}/revocation-requests`).set(holderRevocation.holder).send({ reason: text }),
      ),
      json('POST /v1/subscriptions/:id/revocation-requests', 'certificates[0]', (text) =>
        http().post(`/v1/subscriptions/${holderRevocation.id}/revocation-requests`).set(holderRevocation.holder).send({ reason: 'key-compromise', certificates: [text] }),
      ),
      json('POST /v1/verifications', 'signature', (text) => http().post('/v1/verifications').send({ signature: text })),
      json('POST /v1/verifications', 'document', (text) => http().post('/v1/verifications').send({ signature: 'MAA=', document: text })),
      json('POST /v1/entitlements/signing-tool', 'certificate', (text) => http().post('/v1/entitlements/signing-tool').send({ certificate: text })),
      // Staff routes.
      json('POST /v1/admin/sessions', 'login', (text) => http().post('/v1/admin/sessions').send({ login: text, password: 'not-the-password' })),
      json('POST /v1/admin/sessions', 'password', (text) => http().post('/v1/admin/sessions').send({ login: 'no-such-login', password: text })),
      json('GET /v1/admin/subscriptions', 'q', (text) => http().get(`/v1/admin/subscriptions?q=${inUrl(text)}`).set(as('ecma-operator'))),
      json('GET /v1/admin/subscriptions/:id', 'id', (text) => http().get(`/v1/admin/subscriptions/${inUrl(text)}`).set(as('ecma-operator'))),
      json('GET /v1/admin/queues/:queue', 'cursor', (text) => http().get(`/v1/admin/queues/reviews?cursor=${inUrl(text)}`).set(as('ecma-operator'))),
      json('GET /v1/admin/queues/:queue', 'queue', (text) => http().get(`/v1/admin/queues/${inUrl(text)}`).set(as('ecma-operator'))),
      json('POST /v1/admin/subscriptions/:id/review', 'decision', (text) => http().post(`/v1/admin/subscriptions/${review.id}/review`).set(as('ecma-operator')).send({ decision: text, reason: 'pièce illisible' })),
      json('POST /v1/admin/subscriptions/:id/review', 'reason', (text) =>
        http().post(`/v1/admin/subscriptions/${review.id}/review`).set(as('ecma-operator')).send({ decision: 'request-information', reason: text }),
      ),
      json('POST /v1/admin/subscriptions/:id/payment', 'reference', (text) =>
        http().post(`/v1/admin/subscriptions/${review.id}/payment`).set(as('ecma-operator')).send({ amountCents: 24_000, reference: text }),
      ),
      json('POST /v1/admin/subscriptions/:id/delivery', 'tokenSerial', (text) =>
        http().post(`/v1/admin/subscriptions/${delivery.id}/delivery`).set(as('croec-agent')).send({ originalsChecked: true, documentsMatch: true, tokenSerial: text }),
      ),
      json('POST /v1/admin/subscriptions/:id/delivery', 'note', (text) =>
        http().post(`/v1/admin/subscriptions/${delivery.id}/delivery`).set(as('croec-agent')).send({ originalsChecked: true, documentsMatch: true, note: text }),
      ),
      ...(['reason', 'comment', 'invalidityDate'] as const).map((field) =>
        json('POST /v1/admin/subscriptions/:id/revocation', field, (text) =>
          http()
            .post(`/v1/admin/subscriptions/${staffRevocation.id}/revocation`)
            .set(as('ca-officer'))
            .send({ reason: 'key-compromise', ...{ [field]: text }, ...(field === 'reason' ? {} : { certificates: ['authentication'] }) }),
        ),
      ),
      ...(['registrationNumbers[0]', 'reason', 'decisionReference'] as const).map((field) =>
        json('POST /v1/admin/bulk-revocations', field, (text) =>
          http()
            .post('/v1/admin/bulk-revocations')
            .set(as('csoec-officer'))
            .send({
              registrationNumbers: field === 'registrationNumbers[0]' ? [text] : ['99999999'],
              reason: field === 'reason' ? text : 'authority-decision',
              decisionReference: field === 'decisionReference' ? text : 'CSOEC-2026-12',
            }),
        ),
      ),
      ...(['actor', 'action', 'subject', 'cursor'] as const).map((field) =>
        json('GET /v1/admin/audit', field, (text) => http().get(`/v1/admin/audit?${field}=${inUrl(text)}`).set(as('ca-officer'))),
      ),
      json('GET /v1/admin/incidents', 'cursor', (text) => http().get(`/v1/admin/incidents?cursor=${inUrl(text)}`).set(as('ecma-operator'))),
      ...(['action', 'comment', 'corrections.firm'] as const).map((field) =>
        json('POST /v1/admin/incidents/:id/decision', field, (text) =>
          http()
            .post(`/v1/admin/incidents/${randomUUID()}/decision`)
            .set(as('ecma-operator'))
            .send(field === 'action' ? { action: text } : field === 'comment' ? { action: 'retry', comment: text } : { action: 'correct', corrections: { firm: text } }),
        ),
      ),
    ];
  }

  beforeAll(async () => {
    system = await startTestSystem({ environment: { RATE_LIMIT_PUBLIC_REQUESTS: '0', RATE_LIMIT_SIGN_IN_REQUESTS: '0' } });
    driver = new LifecycleDriver(system.temporal, system.taskQueue);
    relyingParty = await RelyingParty.of(system.api.getHttpServer());
    for (const role of ['ecma-operator', 'ca-officer', 'csoec-officer', 'croec-agent'] as StaffRole[]) {
      const password = randomBytes(16).toString('base64url');
      await new StaffAccounts(system.dataSource).create({ login: role, displayName: role, role, password, ...(role === 'croec-agent' ? { region: 'BRE' as const } : {}) });
      staff[role] = (await http().post('/v1/admin/sessions').send({ login: role, password }).expect(201)).body.token;
    }
    await publishMissingCrls(system.temporal, system.dataSource, ['BRE'], system.taskQueue);
    targets.changes = await cycleAt('active');
    targets.holderRevocation = await cycleAt('active');
    targets.staffRevocation = await cycleAt('active');
    targets.review = await cycleAt('review');
    targets.delivery = await cycleAt('delivery');
  }, 180_000);

  afterAll(async () => {
    await relyingParty?.close();
    await system?.stop();
  });

  it(`answers ${RUNS_PER_FIELD} generated strings per text field with a 2xx or a 4xx within ${ANSWER_BOUND_MS / 1000} s, never a 5xx`, async () => {
    for (const { route, field, send } of fields()) {
      await fc.assert(
        fc.asyncProperty(hostileText, async (text) => {
          const started = performance.now();
          const response = await send(text);
          const elapsed = performance.now() - started;
          generated++;
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (elapsed > worstMs) [worstMs, worstRoute] = [elapsed, `${route} ${field}`];
          if (response.status >= 500) throw new Error(`${route} with ${field}=${JSON.stringify(text.slice(0, 80))} answered ${response.status}: ${JSON.stringify(response.body)}`);
          expect(elapsed).toBeLessThan(ANSWER_BOUND_MS);
        }),
        { numRuns: RUNS_PER_FIELD, endOnFailure: true },
      );
    }
    console.log(
      `hostile text: ${generated} generated inputs over ${fields().length} fields; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; worst answer ${worstMs.toFixed(0)} ms (${worstRoute})`,
    );
  }, 900_000);

  it('stored nothing the text policy refuses', async () => {
    const line = ['givenName', 'surname', 'email', 'registrationNumber', 'firm'] as const;
    for (const row of await system.dataSource.getRepository(SubscriptionRecord).find()) {
      for (const column of line) {
        const value = row[column];
        if (typeof value === 'string') expect([row.id, column, refuseText(value)]).toEqual([row.id, column, undefined]);
      }
    }
    for (const event of await system.dataSource.getRepository(SubscriptionEventRecord).find()) {
      if (event.note) expect([event.subscriptionId, refuseText(event.note, 'multiline')]).toEqual([event.subscriptionId, undefined]);
    }
  });

  it(`then revokes each cycle that received the inputs, visibly in OCSP and in the CRL within ${REVOCATION_BOUND_MS / 1000} s`, async () => {
    const latencies: number[] = [];
    for (const target of [targets.changes, targets.holderRevocation, targets.staffRevocation]) {
      const revocation = await http().post(`/v1/admin/subscriptions/${target.id}/revocation`).set(as('ca-officer')).send({ reason: 'key-compromise' });
      // 409: an accepted input had already revoked it (a valid change, the holder's own request).
      expect([200, 409]).toContain(revocation.status);
      for (const certificate of await system.dataSource.getRepository(CertificateRecord).findBy({ subscriptionId: target.id })) {
        latencies.push(await relyingParty.waitUntilRevoked(certificate, 'BRE', REVOCATION_BOUND_MS));
      }
    }
    expect(latencies).toHaveLength(6);
    console.log(`hostile text: 6 certificates revoked for relying parties (OCSP and CRL) in at most ${Math.max(...latencies)} ms after the staff revocation`);
  }, 120_000);
});
