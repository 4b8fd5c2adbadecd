import { join, resolve } from 'node:path';
import { FilesystemCaStorage, hierarchyNames } from '#libs/ca-core';
import { loadEnvironment } from '#libs/config';
import { type VerificationReport, type Verdict, reportToJson, verifySignature } from '#libs/verification';
import { parseCommandLine } from './command-line.js';
import type { CommandOutput } from './commands.js';
import { derObjects, readInputFile } from './der-files.js';
import { type Consultation, httpRevocationSources } from './http-revocation-sources.js';
import { UsageError, withOwnUsage } from './read-password.js';

export const VERIFY_USAGE = `  verify <file> --signature <sig.p7s> [--trust-anchor root.pem]... [--intermediate ca.pem]...
         [--crl file.crl]... [--revocation-source crl|ocsp] [--timeout SECONDS] [--json]
      verifies a CMS/CAdES signature of <file> (omit <file> for an enveloping signature); revocation
      from the CRL named in the certificate (or the --crl files) and from its OCSP responder, both
      fetched over HTTP; trust anchor: --trust-anchor, else the root of VAR_DIR/ca. No database.
      Exit: 0 valid, 1 invalid, 2 usage error, 3 indeterminate`;

/** Exit codes scripts can rely on (README "Verify a signature"). */
export const VERIFY_EXIT_CODES: Readonly<Record<Verdict, number>> = { valid: 0, invalid: 1, indeterminate: 3 };

const DEFAULT_TIMEOUT_SECONDS = 10;

/** `verify`: the relying party's tool (contract §10.2). Needs no database and no CA key. */
export function runVerifyCommand(args: string[], io: CommandOutput): Promise<number> {
  return withOwnUsage(VERIFY_USAGE, () => runVerify(args, io));
}

async function runVerify(args: string[], io: CommandOutput): Promise<number> {
  const options = readOptions(args);
  const signature = derObjects(await readInputFile(options.signature, 'signature'))[0];
  const content = options.file ? await readInputFile(options.file, 'document') : undefined;
  const trustAnchors = await certificatesFrom(options.trustAnchors, 'trust anchor');
  if (trustAnchors.length === 0) trustAnchors.push(...(await installationRoot()));
  const intermediates = await certificatesFrom(options.intermediates, 'intermediate certificate');
  const crls = (await Promise.all(options.crls.map((path) => readInputFile(path, 'CRL')))).flatMap(derObjects);

  const sources = httpRevocationSources({ timeoutMs: options.timeoutSeconds * 1000 });
  let report: VerificationReport;
  try {
    report = await verifySignature({
      signature,
      ...(content ? { content } : {}),
      trustAnchors,
      intermediates,
      crls,
      // Given CRL files replace the fetch; --revocation-source limits the check to one source.
      ...(crls.length === 0 && options.source !== 'ocsp' ? { fetchCrls: sources.fetchCrls } : {}),
      ...(options.source !== 'crl' ? { ocsp: sources.ocsp } : {}),
      fetchIssuers: sources.fetchIssuers,
    });
  } catch (error) {
    // The verifier says why rather than throwing; anything else leaves the answer open.
    io.err(`error: the verification could not be completed: ${(error as Error).message}`);
    return VERIFY_EXIT_CODES.indeterminate;
  }
  if (options.json) io.out(JSON.stringify({ ...reportToJson(report), sources: sources.consulted }, null, 2));
  else io.out(`${report.toText()}${sourcesText(sources.consulted)}`.trimEnd());
  return VERIFY_EXIT_CODES[report.verdict];
}

interface VerifyOptions {
  file?: string;
  signature: string;
  trustAnchors: string[];
  intermediates: string[];
  crls: string[];
  source?: 'crl' | 'ocsp';
  timeoutSeconds: number;
  json: boolean;
}

function readOptions(args: string[]): VerifyOptions {
  const { values, positionals } = parseCommandLine({
    args,
    allowPositionals: true,
    options: {
      signature: { type: 'string' },
      'trust-anchor': { type: 'string', multiple: true },
      intermediate: { type: 'string', multiple: true },
      crl: { type: 'string', multiple: true },
      'revocation-source': { type: 'string' },
      timeout: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (!values.signature) throw new UsageError('verify needs --signature <sig.p7s>');
  if (positionals.length > 1) throw new UsageError(`verify takes one document, not ${positionals.length}`);
  const source = values['revocation-source'];
  if (source !== undefined && source !== 'crl' && source !== 'ocsp') throw new UsageError('--revocation-source is crl or ocsp');
  const timeoutSeconds = values.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > 300) throw new UsageError('--timeout is a number of seconds, at most 300');
  return {
    ...(positionals[0] ? { file: positionals[0] } : {}),
    signature: values.signature,
    trustAnchors: values['trust-anchor'] ?? [],
    intermediates: values.intermediate ?? [],
    crls: values.crl ?? [],
    ...(source ? { source } : {}),
    timeoutSeconds,
    json: values.json ?? false,
  };
}

async function certificatesFrom(paths: string[], what: string): Promise<Buffer[]> {
  return (await Promise.all(paths.map((path) => readInputFile(path, what)))).flatMap(derObjects);
}

/** On a machine of the CA itself (npm start), the root its key ceremony made. */
async function installationRoot(): Promise<Buffer[]> {
  const env = loadEnvironment(process.env);
  const root = await new FilesystemCaStorage(join(resolve(env.VAR_DIR), 'ca')).read(hierarchyNames.rootCertificate).catch(() => undefined);
  if (!root) {
    throw new UsageError(
      `no trust anchor: give --trust-anchor root.pem (the profession root, ${env.PUBLIC_BASE_URL}/pki/ca/root.crt, checked against its published fingerprint)`,
    );
  }
  return [root];
}

function sourcesText(consulted: readonly Consultation[]): string {
  if (consulted.length === 0) return '';
  return `Sources consulted:\n${consulted.map((item) => `  - ${item.kind} ${item.url}: ${item.outcome}`).join('\n')}\n`;
}
