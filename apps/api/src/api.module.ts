import { Module, type DynamicModule } from '@nestjs/common';
import { Environment } from '#libs/config';
import { PersistenceModule } from '#libs/persistence';
import { TemporalClientModule } from '#libs/temporal';
import { AdminModule } from './admin/admin.module.js';
import { AuthModule } from './auth/index.js';
import { HealthController } from './health/health.controller.js';
import { IncidentsModule } from './incidents/incidents.module.js';
import { PkiModule } from './pki/pki.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { EntitlementsModule } from './entitlements/entitlements.module.js';
import { SessionsModule } from './sessions/sessions.module.js';
import { SubscriptionsModule } from './subscriptions/subscriptions.module.js';
import { VerificationsModule } from './verifications/verifications.module.js';

/** The HTTP API: holder portal, staff administration and public PKI repository. */
@Module({})
export class ApiModule {
  static forRoot(env: Environment & { DATABASE_URL: string }): DynamicModule {
    return {
      module: ApiModule,
      global: true,
      imports: [PersistenceModule.forRoot(env.DATABASE_URL), TemporalClientModule.forRoot(env), AuthModule, SubscriptionsModule, DocumentsModule, AdminModule, PkiModule, SessionsModule, EntitlementsModule, VerificationsModule, IncidentsModule],
      controllers: [HealthController],
      providers: [{ provide: Environment, useValue: env }],
      exports: [Environment],
    };
  }
}
