import { Module, type DynamicModule } from '@nestjs/common';
import { Environment } from '#libs/config';
import { PersistenceModule } from '#libs/persistence';

/** Dependency-injection context of the worker process: what the activities need. */
@Module({})
export class WorkerModule {
  static forRoot(env: Environment & { DATABASE_URL: string }): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PersistenceModule.forRoot(env.DATABASE_URL)],
      providers: [{ provide: Environment, useValue: env }],
    };
  }
}
