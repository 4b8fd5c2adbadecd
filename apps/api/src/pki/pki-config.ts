import { defaultPkiConfig, type PkiConfig } from '#libs/ca-core';
import type { Environment } from '#libs/config';

/**
 * The PKI settings the certificates were issued with. Built exactly as the worker builds them
 * (apps/worker/src/certificate-authority.ts), so the URLs and policy OIDs this repository
 * publishes are the ones the certificates carry.
 */
export function pkiConfigOf(env: Pick<Environment, 'PUBLIC_BASE_URL'>): PkiConfig {
  return defaultPkiConfig({ repositoryBaseUrl: env.PUBLIC_BASE_URL });
}
