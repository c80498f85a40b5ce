import { Module, type DynamicModule } from '@nestjs/common';
import type { ApiConfig } from '../config/api.config';
import { loadDeadlinePolicy } from './deadline-policy.loader';
import { DeadlinePolicyProvider } from './deadline-policy.provider';
import { PolicyController } from './policy.controller';

@Module({})
export class PolicyModule {
  /**
   * Loads the policy while the module tree is built, before Nest starts: a bad SCHAKEL_POLICY_FILE
   * throws an InvalidConfigError from createApiApp, which main.ts reports and exits on (CONVENTIONS.md 5).
   * Global: referrals and the Temporal gateway both need it.
   */
  static forRoot(config: ApiConfig): DynamicModule {
    const provider = new DeadlinePolicyProvider(loadDeadlinePolicy(config.policy.file, { production: config.env === 'production' }));
    return {
      global: true,
      module: PolicyModule,
      controllers: [PolicyController],
      providers: [{ provide: DeadlinePolicyProvider, useValue: provider }],
      exports: [DeadlinePolicyProvider],
    };
  }
}
