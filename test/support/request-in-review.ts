import request from 'supertest';
import { CURRENT_CONDITIONS_VERSION, type RegionCode } from '#libs/domain';
import { tokenFromMail } from './lifecycle-driver.js';
import type { TestSystem } from './test-system.js';

/** What a holder types on the registration form; the conditions in force are accepted for them. */
export interface RegistrationForm {
  givenName: string;
  surname: string;
  email: string;
  registrationNumber: string;
  region: RegionCode;
  postalAddress: string[];
  firm?: string;
}

/** The ID copy the holder uploads. */
export interface IdCopy {
  content: Buffer;
  filename: string;
}

/** A holder registers and proves the email through the mailed link, over HTTP: the request then awaits the ID copy. */
export async function requestAwaitingDocuments(system: TestSystem, form: RegistrationForm): Promise<{ id: string; session: string }> {
  const http = () => request(system.api.getHttpServer());
  const created = await http()
    .post('/v1/subscriptions')
    .send({ ...form, acceptedConditionsVersion: CURRENT_CONDITIONS_VERSION })
    .expect(201);
  const id: string = created.body.id;
  const mail = await system.smtp.waitFor((m) => m.headers['x-signexpert-reference'] === id && /Confirmez/.test(m.subject));
  const confirmed = await http().post('/v1/subscriptions/email-confirmations').send({ token: tokenFromMail(mail.text) }).expect(200);
  return { id, session: confirmed.body.session.token };
}

/**
 * A holder registers, proves the email through the mailed link and uploads the ID copy, all over
 * HTTP as the holder pages do: the request then waits in the ECMA review queue.
 */
export async function requestInReview(system: TestSystem, form: RegistrationForm, copy: IdCopy): Promise<{ id: string; documentId: string }> {
  const { id, session } = await requestAwaitingDocuments(system, form);
  const uploaded = await request(system.api.getHttpServer())
    .post(`/v1/subscriptions/${id}/documents`)
    .set('Authorization', `Bearer ${session}`)
    .attach('document', copy.content, copy.filename)
    .expect(201);
  return { id, documentId: uploaded.body.documentId };
}
