import { Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Environment } from '#libs/config';
import { Mailer, createMailer, mailerConfigFor } from '#libs/notifications';

/**
 * The API's mailer, for the few mails the API sends itself (sign-in links); the lifecycle's mails
 * are the worker's. One transport per process, closed at shutdown.
 */
@Module({
  providers: [
    {
      provide: Mailer,
      useFactory: (env: Environment) => {
        const logger = new Logger('Mailer');
        return createMailer(mailerConfigFor(env), { log: (line) => logger.log(line) });
      },
      inject: [Environment],
    },
  ],
  exports: [Mailer],
})
export class NotificationsModule implements OnApplicationShutdown {
  constructor(@Inject(Mailer) private readonly mailer: Mailer) {}

  async onApplicationShutdown(): Promise<void> {
    await this.mailer.close();
  }
}
