import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadEnvironmentOrExit } from '#libs/config';
import { createApiApp } from './create-api-app.js';

const env = loadEnvironmentOrExit(['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_PAYLOAD_KEY', 'DOCUMENT_KEY']);
const app = await createApiApp({ ...env, DATABASE_URL: env.DATABASE_URL! });
await app.listen(env.API_PORT, env.API_HOST);
new Logger('API').log(`listening on http://${env.API_HOST}:${env.API_PORT}`);
