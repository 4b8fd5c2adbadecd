// The whole SIGNEXPERT scenario against a running `npm start`, told step by step as the people
// involved see it: the holder registers and proves their mailbox, ECMA reviews and records the
// payment, the CA issues, the CROEC agent hands the token over, and a relying party checks the
// CRL and OCSP with openssl.  Usage: npm start (in another terminal), then npm run demo
//
// Environment: API_URL (default http://127.0.0.1:3000), VAR_DIR (default ./var: the .eml outbox
// and the postal spool of that `npm start`), DATABASE_URL for the staff CLI (default: the embedded
// PostgreSQL on EMBEDDED_POSTGRES_PORT), DEMO_STAFF_PASSWORD (password of the demo staff accounts),
// TEMPORAL_ADDRESS (default 127.0.0.1:TEMPORAL_PORT, 7233) to trigger a first CRL if none exists yet.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const API = (process.env.API_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const VAR_DIR = resolve(process.env.VAR_DIR ?? join(root, 'var'));
const DATABASE_URL =
  process.env.DATABASE_URL ?? `postgres://postgres:signexpert-dev@127.0.0.1:${process.env.EMBEDDED_POSTGRES_PORT ?? 5433}/signexpert`;
const STAFF_PASSWORD = process.env.DEMO_STAFF_PASSWORD ?? 'demo-signexpert-2025';
const OPERATOR = { login: 'demo.operatrice', name: 'Opératrice ECMA (démo)', role: 'ecma-operator' };
const AGENT = { login: 'demo.agent.bre', name: 'Agent CROEC Bretagne (démo)', role: 'croec-agent', region: 'BRE' };

const { CURRENT_CONDITIONS_VERSION } = await import(new URL('../dist/libs/domain/src/index.js', import.meta.url).href).catch(() => {
  fail('the build is missing: run `npm run build` (or `npm start`, which builds) first');
});

let stepNumber = 0;
function step(title) {
  console.log(`\n== ${++stepNumber}. ${title}`);
}
function say(line) {
  console.log(`   ${line}`);
}
function fail(message) {
  console.error(`\nDEMO FAILED: ${message}`);
  process.exit(1);
}

/** One HTTP call; a status other than the expected one stops the demo with the problem details. */
async function call(method, path, { body, bearer, expect = [200, 201], form } = {}) {
  const headers = {};
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${API}${path}`, { method, headers, body: form ?? (body === undefined ? undefined : JSON.stringify(body)) });
  const text = await response.text();
  const parsed = text && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
  if (!(Array.isArray(expect) ? expect : [expect]).includes(response.status)) {
    fail(`${method} ${path} answered ${response.status}: ${typeof parsed === 'string' ? parsed : JSON.stringify(parsed)}`);
  }
  return parsed;
}

async function until(what, check, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) fail(`${what}: still not there after ${timeoutMs / 1000} s`);
    await sleep(500);
  }
}

/** The newest .eml of the outbox that mentions `needle` and holds a link to `page`; its text with quoted-printable undone. */
async function newestMail(needle, page) {
  const outbox = join(VAR_DIR, 'outbox');
  return until(`a mail with a ${page} link in ${outbox}`, async () => {
    if (!existsSync(outbox)) return undefined;
    const files = (await readdir(outbox)).filter((name) => name.endsWith('.eml'));
    const dated = await Promise.all(files.map(async (name) => ({ name, mtime: (await stat(join(outbox, name))).mtimeMs })));
    for (const { name } of dated.sort((a, b) => b.mtime - a.mtime)) {
      const raw = await readFile(join(outbox, name), 'utf8');
      const text = raw.replace(/=\r?\n/g, '').replace(/=3D/gi, '=');
      if (text.includes(needle) && text.includes(page)) return { file: join(outbox, name), text, subject: subjectOf(raw) };
    }
    return undefined;
  }, 60_000);
}

/** Subject of a mail, MIME encoded-words (RFC 2047) decoded for display. */
function subjectOf(eml) {
  const raw = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(eml)?.[1] ?? '';
  return raw
    .replace(/\r?\n[ \t]/g, ' ')
    .replace(/\?=\s+=\?/g, '?==?') // whitespace between encoded words is not text (RFC 2047 §6.2)
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, encoding, data) =>
      encoding.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, hex) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    );
}

/** A one-page PDF standing in for the scan of an ID card. */
function idCopyPdf(name) {
  const content = `BT /F1 18 Tf 72 720 Td (Copie de piece d'identite - ${name} - DEMO) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((object, i) => {
    const offset = pdf.length;
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** Creates a demo staff account with the operator CLI unless it exists already. */
async function ensureStaffAccount(account) {
  const args = [join(root, 'dist/apps/cli/src/main.js'), 'staff:create', '--login', account.login, '--name', account.name, '--role', account.role];
  if (account.region) args.push('--region', account.region);
  args.push('--password-env', 'DEMO_STAFF_PASSWORD');
  try {
    const { stdout } = await run(process.execPath, args, { env: { ...process.env, DATABASE_URL, DEMO_STAFF_PASSWORD: STAFF_PASSWORD } });
    say(`$ npm run staff:create -- --login ${account.login} --role ${account.role}${account.region ? ` --region ${account.region}` : ''} --password-env DEMO_STAFF_PASSWORD`);
    say(stdout.trim());
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`;
    if (/is already taken/.test(output)) say(`account ${account.login} already exists (kept)`);
    else fail(`staff:create ${account.login} failed: ${output.trim() || error.message}`);
  }
}

/**
 * CRLs are published after each revocation and by a Schedule (hourly by default): on a system
 * started minutes ago, with no revocation yet, the region may have none. Then the demo triggers
 * the region's Schedule now, as an operator would with `temporal schedule trigger`.
 */
async function ensureCrlPublished(region) {
  if ((await fetch(`${API}/pki/crl/${region}.crl`)).status !== 404) return;
  const { Client, Connection } = await import('@temporalio/client');
  const { crlScheduleId } = await import(new URL('../dist/libs/contract/src/index.js', import.meta.url).href);
  const address = process.env.TEMPORAL_ADDRESS ?? `127.0.0.1:${process.env.TEMPORAL_PORT ?? 7233}`;
  const scheduleId = crlScheduleId(region, process.env.TEMPORAL_TASK_QUEUE ?? 'subscriptions');
  say(`pas encore de LCR publiée pour ${region} : déclenchement de sa publication (temporal schedule trigger --schedule-id ${scheduleId})`);
  const connection = await Connection.connect({ address });
  try {
    await new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' }).schedule.getHandle(scheduleId).trigger();
  } finally {
    await connection.close();
  }
  await until(`the ${region} CRL`, async () => (await fetch(`${API}/pki/crl/${region}.crl`)).ok, 60_000);
}

async function openssl(args, cwd) {
  try {
    const { stdout, stderr } = await run('openssl', args, { cwd });
    return `${stdout}${stderr}`.trim();
  } catch (error) {
    fail(`openssl ${args.join(' ')} failed: ${`${error.stdout ?? ''}${error.stderr ?? ''}`.trim() || error.message}`);
  }
}

// ---------------------------------------------------------------------------------------------

console.log(`SIGNEXPERT — démonstration du parcours complet contre ${API} (données : ${VAR_DIR})`);
await until(`the API at ${API}/health (is \`npm start\` running?)`, async () => (await fetch(`${API}/health`).catch(() => undefined))?.ok, 60_000);

const stamp = Date.now();
const holder = {
  givenName: 'Camille',
  surname: 'Durand',
  email: `camille.durand.${stamp}@cabinet-durand.fr`,
  registrationNumber: `35${String(stamp).slice(-8)}`,
  region: 'BRE',
  firm: 'Cabinet Durand',
  postalAddress: ['3 quai Duguay-Trouin', '35000 Rennes'],
  acceptedConditionsVersion: CURRENT_CONDITIONS_VERSION,
};

step('Le porteur s’inscrit sur le site (conditions générales §4.1)');
const { id } = await call('POST', '/v1/subscriptions', { body: holder, expect: [201, 202] });
say(`${holder.givenName} ${holder.surname}, expert-comptable inscrit au tableau sous le n° ${holder.registrationNumber} (CROEC Bretagne)`);
say(`demande enregistrée : ${id}`);

step('Il reçoit le courriel de confirmation de son adresse');
const proof = await newestMail(id, '/portail/confirmation?token=');
say(`courriel : ${proof.file}`);
say(`objet : ${proof.subject}`);
const proofToken = /\/portail\/confirmation\?token=([\w-]+)/.exec(proof.text)[1];
say(`lien : …/portail/confirmation?token=${proofToken.slice(0, 6)}…`);

step('Il ouvre le lien : son adresse est prouvée et il est connecté');
const confirmed = await call('POST', '/v1/subscriptions/email-confirmations', { body: { token: proofToken } });
const holderSession = confirmed.session.token;
say(`état de la demande : ${confirmed.state} ; session porteur valable jusqu’à ${confirmed.session.expiresAt}`);

step('Il dépose la copie de sa pièce d’identité (PDF)');
const form = new FormData();
form.append('document', new Blob([idCopyPdf(`${holder.givenName} ${holder.surname}`)], { type: 'application/pdf' }), 'piece-identite.pdf');
const uploaded = await call('POST', `/v1/subscriptions/${id}/documents`, { bearer: holderSession, form, expect: 201 });
say(`copie reçue : ${uploaded.mediaType}, ${uploaded.sizeBytes} octets, SHA-256 ${uploaded.sha256.slice(0, 16)}… (chiffrée au repos)`);
say(`état de la demande : ${uploaded.state}`);

step('ECMA et le CROEC : comptes du personnel (commande opérateur) et connexion');
await ensureStaffAccount(OPERATOR);
await ensureStaffAccount(AGENT);
const operator = await call('POST', '/v1/admin/sessions', { body: { login: OPERATOR.login, password: STAFF_PASSWORD }, expect: 201 });
say(`${OPERATOR.name} connectée (rôle ${operator.role})`);
const agent = await call('POST', '/v1/admin/sessions', { body: { login: AGENT.login, password: STAFF_PASSWORD }, expect: 201 });
say(`${AGENT.name} connecté (rôle ${agent.role}, région ${agent.region})`);

step('L’opératrice ECMA examine le dossier et l’approuve');
const reviews = await call('GET', '/v1/admin/queues/reviews', { bearer: operator.token });
say(`file des revues : ${reviews.items.length} demande(s) en attente`);
const reviewed = await call('POST', `/v1/admin/subscriptions/${id}/review`, { bearer: operator.token, body: { decision: 'approve' } });
say(`décision : approuvée ; état : ${reviewed.state}`);

step('Elle enregistre le paiement (conditions financières §12.1)');
const paid = await call('POST', `/v1/admin/subscriptions/${id}/payment`, { bearer: operator.token, body: { amountCents: 24_000, reference: `DEMO-${stamp}` } });
say(`240,00 € reçus, référence DEMO-${stamp} ; état : ${paid.state}`);

step('L’AC régionale émet les certificats sur la clé USB du porteur');
const issued = await until('the subscription in AWAITING_DELIVERY', async () => {
  const view = await call('GET', `/v1/admin/subscriptions/${id}`, { bearer: operator.token });
  return view.state === 'AWAITING_DELIVERY' ? view : undefined;
});
for (const certificate of issued.certificates) {
  say(`certificat ${certificate.profile === 'signature' ? 'de signature     ' : 'd’authentification'} n° ${certificate.serial}, valable jusqu’au ${certificate.notAfter}`);
}
const letter = join(VAR_DIR, 'postal-spool', `activation-letter-${id}.pdf`);
say(`la lettre portant le code d’activation part par la poste (spool : ${letter})`);
say(`état : ${issued.state}`);

step('Remise en main propre par l’agent du CROEC Bretagne (§6.2)');
const delivered = await call('POST', `/v1/admin/subscriptions/${id}/delivery`, {
  bearer: agent.token,
  body: { originalsChecked: true, documentsMatch: true, tokenSerial: `DEMO-${String(stamp).slice(-6)}`, note: 'originaux conformes aux copies' },
});
say(`originaux vérifiés, conformes aux copies ; état : ${delivered.state}`);

step('Le porteur suit sa demande sur le site');
const followed = await until('the subscription ACTIVE for the holder', async () => {
  const view = await call('GET', `/v1/subscriptions/${id}`, { bearer: holderSession });
  return view.state === 'ACTIVE' ? view : undefined;
}, 30_000);
say(`historique : ${followed.timeline.map((t) => t.state).join(' → ')}`);
say(`ÉTAT FINAL : ${followed.state} — les certificats de ${holder.givenName} ${holder.surname} sont actifs`);

step('Une partie de confiance vérifie la LCR et le statut OCSP avec openssl');
await ensureCrlPublished('BRE');
const work = await mkdtemp(join(tmpdir(), 'signexpert-demo-'));
try {
  for (const [path, file] of [['/pki/crl/BRE.crl', 'BRE.crl'], ['/pki/ca/BRE.pem', 'BRE.pem'], ['/pki/ca/root.pem', 'root.pem']]) {
    const response = await fetch(`${API}${path}`);
    if (!response.ok) fail(`GET ${path} answered ${response.status}`);
    await writeFile(join(work, file), Buffer.from(await response.arrayBuffer()));
    say(`GET ${path} → ${response.status} ${response.headers.get('content-type')}`);
  }
  const crl = await openssl(['crl', '-inform', 'DER', '-in', 'BRE.crl', '-CAfile', 'BRE.pem', '-noout', '-issuer', '-lastupdate', '-nextupdate', '-crlnumber'], work);
  say('$ openssl crl -inform DER -in BRE.crl -CAfile BRE.pem -noout -issuer -lastupdate -nextupdate -crlnumber');
  for (const line of crl.split('\n')) say(`  ${line}`);
  const signature = issued.certificates.find((c) => c.profile === 'signature');
  const ocsp = await openssl(['ocsp', '-issuer', 'BRE.pem', '-serial', `0x${signature.serial}`, '-url', `${API}/pki/ocsp`, '-CAfile', 'root.pem', '-verify_other', 'BRE.pem', '-no_nonce'], work);
  say(`$ openssl ocsp -issuer BRE.pem -serial 0x${signature.serial} -url ${API}/pki/ocsp -CAfile root.pem -verify_other BRE.pem -no_nonce`);
  for (const line of ocsp.split('\n')) say(`  ${line}`);
  if (!/Response verify OK/.test(ocsp) || !/: good/.test(ocsp)) fail('the OCSP answer is not a verified "good"');
} finally {
  await rm(work, { recursive: true, force: true });
}

step('La lettre d’activation');
if (existsSync(letter)) say(`PDF prêt pour l’envoi postal : ${letter} (le code d’activation n’est nulle part ailleurs)`);
else say(`la lettre n’est pas dans ${letter} (VAR_DIR est-il celui de \`npm start\` ?)`);

console.log(`\nDémonstration terminée : demande ${id} ACTIVE.`);
