import { Module } from '@nestjs/common';
import { Environment } from '#libs/config';
import { CaCertificatesController } from './ca-certificates.controller.js';
import { CaRepository } from './ca-repository.js';
import { CrlsController } from './crls.controller.js';
import { OcspController } from './ocsp.controller.js';
import { OcspService } from './ocsp.service.js';
import { PoliciesController } from './policies.controller.js';
import { PolicyPages } from './policy-pages.js';
import { pkiConfigOf } from './pki-config.js';
import { PublishedCrls } from './published-crls.js';

/**
 * The public PKI repository (no authentication): what relying parties fetch at the URLs the
 * certificates carry. It reads the CA the worker created and the CRLs it published; it signs
 * only OCSP responses, with the delegated responders' keys.
 */
@Module({
  controllers: [CaCertificatesController, CrlsController, OcspController, PoliciesController],
  providers: [
    { provide: CaRepository, useFactory: (env: Environment) => CaRepository.fromEnvironment(env), inject: [Environment] },
    { provide: PolicyPages, useFactory: (env: Environment) => new PolicyPages(pkiConfigOf(env)), inject: [Environment] },
    OcspService,
    PublishedCrls,
  ],
  // The signature verifier (apps/api/src/verifications) reads the same CA, CRLs and responder.
  exports: [CaRepository, OcspService, PublishedCrls],
})
export class PkiModule {}
