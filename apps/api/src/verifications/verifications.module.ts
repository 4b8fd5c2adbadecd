import { Module } from '@nestjs/common';
import { PkiModule } from '../pki/pki.module.js';
import { VerificationsController } from './verifications.controller.js';
import { VerificationsService } from './verifications.service.js';

/** The public signature verifier, on the PKI repository's CA certificates, CRLs and OCSP responder. */
@Module({
  imports: [PkiModule],
  controllers: [VerificationsController],
  providers: [VerificationsService],
})
export class VerificationsModule {}
