import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ENVIRONMENT_VARIABLES, loadEnvironment } from '#libs/config';
import { projectRoot } from '#libs/dev-stack';

// No Docker engine runs here: the compose file is checked against the application's own
// configuration schema and layout instead of being started.
interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const root = projectRoot();
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const services = compose.services;
// Compose substitutes ${VAR:-default} and ${VAR:?error}: resolve them as a filled-in .env would.
const dotEnv: Record<string, string> = {
  POSTGRES_PASSWORD: 'pw',
  TEMPORAL_PAYLOAD_KEY: Buffer.alloc(32, 1).toString('base64'),
  EMAIL_TOKEN_SECRET: Buffer.alloc(32, 2).toString('base64'),
  DOCUMENT_KEY: Buffer.alloc(32, 3).toString('base64'),
  CA_KEY_PASSPHRASE: 'a passphrase of some length',
  TOKEN_SO_PIN: 'so-pin-1234',
};
const substitute = (value: string | number) =>
  String(value)
    .replace(/\$\{(\w+):\?[^}]*\}/g, (_, name: string) => dotEnv[name] ?? '')
    .replace(/\$\{\w+:-([^}]*)\}/g, '$1');
const requiredByProcess = {
  api: ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_PAYLOAD_KEY', 'DOCUMENT_KEY'],
  worker: ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_PAYLOAD_KEY', 'EMAIL_TOKEN_SECRET', 'TOKEN_SO_PIN'],
} as const;
const environmentOf = (service: Service) =>
  Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, substitute(v)]));

describe('docker-compose.yml', () => {
  it('runs PostgreSQL, Temporal with its UI, the API and the worker, each with a health check', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'postgresql', 'temporal', 'temporal-ui', 'worker']);
    for (const [name, service] of Object.entries(services)) {
      expect([name, service.healthcheck?.test?.length ?? 0]).toEqual([name, expect.any(Number)]);
      expect([name, (service.healthcheck?.test?.length ?? 0) > 0]).toEqual([name, true]);
      expect(service.image).toMatch(/:[\w.-]+$/); // pinned
      expect(service.image).not.toMatch(/:latest$/);
    }
  });

  it('takes every secret from .env, with no default a deployment could run with', () => {
    const text = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
    for (const secret of Object.keys(dotEnv)) {
      expect(text).toContain(`\${${secret}:?`);
      expect(text).not.toMatch(new RegExp(`\\$\\{${secret}:-`));
    }
  });

  it('persists Temporal in the PostgreSQL service', () => {
    const temporal = services.temporal;
    expect(temporal.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgresql' });
    expect(temporal.depends_on?.postgresql.condition).toBe('service_healthy');
    expect(services['temporal-ui'].environment?.TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it.each(['api', 'worker'])('gives the %s a configuration that our schema accepts, pointing at the compose services', (name) => {
    const service = services[name];
    const env = environmentOf(service);
    // SOFTHSM2_CONF is read by the SoftHSM library itself, not by our configuration.
    for (const variable of Object.keys(env).filter((name) => name !== 'SOFTHSM2_CONF')) expect(ENVIRONMENT_VARIABLES).toContain(variable);
    const config = loadEnvironment(env, requiredByProcess[name as 'api' | 'worker']);
    expect(new URL(config.DATABASE_URL!).hostname).toBe('postgresql');
    expect(new URL(config.DATABASE_URL!).pathname).toBe(`/${services.postgresql.environment?.POSTGRES_DB}`);
    expect(config.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(services.temporal.ports).toContain('7233:7233');
    expect(service.depends_on?.temporal.condition).toBe('service_healthy');
    expect(service.depends_on?.postgresql.condition).toBe('service_healthy');
    expect(service.build).toBe('.');
    const entry = service.command?.at(-1) ?? '';
    expect(entry).toMatch(/^dist\/apps\/(api|worker)\/src\/main\.js$/);
    expect(existsSync(join(root, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
  });

  it('publishes the API on the port it is configured to listen on, on all interfaces', () => {
    const config = loadEnvironment(environmentOf(services.api));
    expect(config.API_HOST).toBe('0.0.0.0');
    expect(services.api.ports).toContain(`${config.API_PORT}:${config.API_PORT}`);
  });

  it('builds an image from the sources that the build compiles', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    for (const folder of ['apps', 'libs', 'workflows', 'activities']) expect(dockerfile).toContain(`COPY ${folder} ${folder}`);
    expect(dockerfile).toContain('npm ci');
    expect(dockerfile).toContain('npm run build');
  });
});
