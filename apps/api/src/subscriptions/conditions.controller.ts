import { Controller, Get } from '@nestjs/common';
import { CURRENT_CONDITIONS_VERSION } from '#libs/domain';

/** Where the general conditions are published (apps/api/src/pki/policy-pages.ts). */
export const CONDITIONS_TEXT_PATH = '/pki/policies/conditions-generales';

/**
 * Public: the version of the general conditions in force, which a registration must accept
 * (RegisterSubscriptionDto), and where to read them (contract §1: the holder accepts their terms).
 */
@Controller('v1/conditions')
export class ConditionsController {
  @Get('current')
  current(): { version: string; textUrl: string } {
    return { version: CURRENT_CONDITIONS_VERSION, textUrl: CONDITIONS_TEXT_PATH };
  }
}
