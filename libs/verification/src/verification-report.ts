/** What the verifier tells a relying party (contract §10.2: the free verification tool). */

export type Verdict = 'valid' | 'invalid' | 'indeterminate';

/** Contract §8.2: the two holder certificates are not interchangeable. */
export type SignerProfile = 'signature' | 'authentication' | 'unknown';

export interface SignerDescription {
  readonly subject: string;
  /** Upper-case hexadecimal, as on the certificate and in CRLs. */
  readonly serial: string;
  readonly issuer: string;
  readonly policies: string[];
  readonly profile: SignerProfile;
}

export interface RevocationStatus {
  readonly status: 'good' | 'revoked' | 'unknown';
  readonly revokedAt?: Date;
  /** RFC 5280 §5.3.1 reason name (keyCompromise, …), when the source gives one. */
  readonly reason?: string;
  readonly source: 'crl' | 'ocsp';
}

export interface VerificationReport {
  readonly verdict: Verdict;
  /** Every reason found, not just the first. */
  readonly reasons: string[];
  readonly signer?: SignerDescription;
  readonly signingTime?: Date;
  readonly revocation?: RevocationStatus;
  toText(): string;
}

export interface ReportFindings {
  readonly invalid: string[];
  readonly indeterminate: string[];
  readonly signer?: SignerDescription;
  readonly signingTime?: Date;
  readonly revocation?: RevocationStatus;
}

/** Invalid beats indeterminate: a proven defect outweighs missing information. */
export function buildReport(findings: ReportFindings): VerificationReport {
  const verdict: Verdict = findings.invalid.length > 0 ? 'invalid' : findings.indeterminate.length > 0 ? 'indeterminate' : 'valid';
  const report = {
    verdict,
    reasons: [...findings.invalid, ...findings.indeterminate],
    ...(findings.signer ? { signer: findings.signer } : {}),
    ...(findings.signingTime ? { signingTime: findings.signingTime } : {}),
    ...(findings.revocation ? { revocation: findings.revocation } : {}),
  };
  return { ...report, toText: () => reportText(report) };
}

function reportText(report: Omit<VerificationReport, 'toText'>): string {
  const lines = [`Verdict: ${report.verdict.toUpperCase()}`];
  if (report.signer) {
    lines.push(
      `Signer: ${report.signer.subject}`,
      `Certificate serial: ${report.signer.serial}`,
      `Issued by: ${report.signer.issuer}`,
      `Certificate profile: ${report.signer.profile}`,
      `Certificate policies: ${report.signer.policies.join(', ') || 'none'}`,
    );
  }
  if (report.signingTime) lines.push(`Signing time: ${report.signingTime.toISOString()}`);
  if (report.revocation) {
    const { status, revokedAt, reason, source } = report.revocation;
    const details = [revokedAt ? `on ${revokedAt.toISOString()}` : '', reason ? `reason ${reason}` : ''].filter(Boolean).join(', ');
    lines.push(`Revocation (${source.toUpperCase()}): ${status}${details ? ` (${details})` : ''}`);
  }
  if (report.reasons.length > 0) lines.push('Reasons:', ...report.reasons.map((reason) => `  - ${reason}`));
  return `${lines.join('\n')}\n`;
}

/** The report as JSON answers carry it: dates in ISO 8601, the text rendering beside the fields. */
export interface VerificationReportJson {
  verdict: Verdict;
  reasons: string[];
  signer?: SignerDescription;
  signingTime?: string;
  revocation?: Omit<RevocationStatus, 'revokedAt'> & { revokedAt?: string };
  text: string;
}

export function reportToJson(report: VerificationReport): VerificationReportJson {
  const { revocation } = report;
  const revocationJson = revocation && {
    status: revocation.status,
    ...(revocation.revokedAt ? { revokedAt: revocation.revokedAt.toISOString() } : {}),
    ...(revocation.reason ? { reason: revocation.reason } : {}),
    source: revocation.source,
  };
  return {
    verdict: report.verdict,
    reasons: report.reasons,
    ...(report.signer ? { signer: report.signer } : {}),
    ...(report.signingTime ? { signingTime: report.signingTime.toISOString() } : {}),
    ...(revocationJson ? { revocation: revocationJson } : {}),
    text: report.toText(),
  };
}
