import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { readModelDataSourceOptions } from '@schakel/persistence';
import { RetentionModule } from './retention/retention.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ChildrenModule } from './children/children.module';
import { ApiConfig } from './config/api.config';
import { DomainErrorFilter } from './errors/domain-error.filter';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ObservabilityModule } from './observability/observability.module';
import { MonitorModule } from './monitor/monitor.module';
import { PolicyModule } from './policy/policy.module';
import { ProvidersModule } from './providers/providers.module';
import { ReferralsModule } from './referrals/referrals.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { WebModule } from './web/web.module';

/** Makes the validated configuration injectable everywhere, by its class. */
@Global()
@Module({})
class ApiConfigModule {
  static register(config: ApiConfig): DynamicModule {
    return { module: ApiConfigModule, providers: [{ provide: ApiConfig, useValue: config }], exports: [ApiConfig] };
  }
}

@Module({})
export class AppModule {
  /** Built from a config object rather than the environment, so end-to-end tests boot it in-process. */
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ApiConfigModule.register(config),
        ObservabilityModule,
        TypeOrmModule.forRoot({
          // Shared with the worker and the migrator: entities only, never synchronize (the schema is
          // the committed migrations'); the API only reads, except the audit entries of its own reads.
          ...readModelDataSourceOptions({ url: config.database.url, applicationName: 'schakel-api' }),
          retryAttempts: 3,
          retryDelay: 1_000,
        }),
        AuthModule,
        AuditModule,
        PolicyModule.forRoot(config),
        ReferralsModule,
        ChildrenModule,
        ProvidersModule,
        RetentionModule,
        NotificationsModule,
        WebhooksModule,
        MonitorModule,
        HealthModule,
        MetricsModule,
        WebModule.forRoot(config),
      ],
      providers: [{ provide: APP_FILTER, useClass: DomainErrorFilter }],
    };
  }
}
