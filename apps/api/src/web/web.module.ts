import { Module, type DynamicModule } from '@nestjs/common';
import type { ApiConfig } from '../config/api.config';
import { AuthConfigController } from './auth-config.controller';
import { DevTokensController } from './dev-tokens.controller';
import { MeController } from './me.controller';

/**
 * What the web interface needs of the API besides the case API (issue 8): who the caller is and what the
 * role may do, how to sign in, and — with AUTH_MODE=development only — the test users' tokens.
 */
@Module({})
export class WebModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: WebModule,
      controllers: [MeController, AuthConfigController, ...(config.auth.mode === 'development' ? [DevTokensController] : [])],
    };
  }
}
