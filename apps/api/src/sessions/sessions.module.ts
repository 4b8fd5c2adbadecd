import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SessionsController } from './sessions.controller.js';
import { SignInLinks } from './sign-in-links.service.js';

@Module({
  imports: [NotificationsModule],
  controllers: [SessionsController],
  providers: [SignInLinks],
})
export class SessionsModule {}
