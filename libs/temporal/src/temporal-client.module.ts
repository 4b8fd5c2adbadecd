import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { Environment } from '#libs/config';
import { encryptingDataConverter } from './data-converter.js';

/**
 * The API's door to Temporal: one gRPC Connection and one Client for the whole process,
 * injectable by their SDK classes and closed when the application shuts down.
 */
@Global()
@Module({})
export class TemporalClientModule implements OnApplicationShutdown {
  constructor(@Inject(Connection) private readonly connection: Connection) {}

  static forRoot(env: Pick<Environment, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE' | 'TEMPORAL_PAYLOAD_KEY'>): DynamicModule {
    return {
      module: TemporalClientModule,
      providers: [
        {
          provide: Connection,
          // lazy: the API starts (and reports Temporal down in /health) even if Temporal is not up yet.
          useFactory: () => Connection.lazy({ address: env.TEMPORAL_ADDRESS }),
        },
        {
          provide: Client,
          useFactory: (connection: Connection) =>
            new Client({
              connection,
              namespace: env.TEMPORAL_NAMESPACE,
              dataConverter: env.TEMPORAL_PAYLOAD_KEY ? encryptingDataConverter(env.TEMPORAL_PAYLOAD_KEY) : undefined,
            }),
          inject: [Connection],
        },
      ],
      exports: [Connection, Client],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
