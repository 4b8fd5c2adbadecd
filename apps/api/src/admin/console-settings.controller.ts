import { Controller, Get, Inject } from '@nestjs/common';
import { Environment } from '#libs/config';
import { Roles } from '../auth/index.js';

/** What the staff console needs to know of this deployment's configuration (nothing secret). */
export interface ConsoleSettings {
  /**
   * The Temporal Web UI the console links each subscription's workflow to
   * (`${url}/namespaces/${namespace}/workflows/subscription-<id>`); null when TEMPORAL_UI_URL is unset.
   */
  temporalUi: { url: string; namespace: string } | null;
}

@Controller('v1/admin/console-settings')
export class ConsoleSettingsController {
  constructor(@Inject(Environment) private readonly env: Environment) {}

  @Get()
  @Roles('ecma-operator', 'croec-agent', 'csoec-officer', 'ca-officer', 'auditor')
  settings(): ConsoleSettings {
    const url = this.env.TEMPORAL_UI_URL?.replace(/\/+$/, '');
    return { temporalUi: url ? { url, namespace: this.env.TEMPORAL_NAMESPACE } : null };
  }
}
