import { Global, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSource } from './data-source.js';
import { runMigrations } from './migrate.js';
import { SubscriptionProjection } from './subscription-projection.js';

/** Opens PostgreSQL once per process, brings the schema up to date, and closes it on shutdown. */
@Global()
@Module({})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(private readonly dataSource: DataSource) {}

  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [
        {
          provide: DataSource,
          useFactory: async () => {
            const dataSource = await createDataSource(databaseUrl).initialize();
            const applied = await runMigrations(dataSource);
            if (applied.length > 0) new Logger('Persistence').log(`Applied migrations: ${applied.join(', ')}`);
            return dataSource;
          },
        },
        { provide: SubscriptionProjection, useFactory: (ds: DataSource) => new SubscriptionProjection(ds), inject: [DataSource] },
      ],
      exports: [DataSource, SubscriptionProjection],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
