import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { AanbodPlacesWriter } from '@schakel/persistence';
import { ChildPlanActivitiesProvider } from './activities/child-plan.activities';
import { NOTIFICATION_ACTIVITY_PROVIDERS } from './activities/notification-activities.providers';
import { ReferralActivitiesProvider } from './activities/referral.activities';
import { RetentionActivitiesProvider } from './activities/retention.activities';
import { WachtlijstProjectionActivitiesProvider } from './activities/wachtlijst-projection.activities';
import { WorkerConfig } from './config/worker.config';
import { WORKER_TRACING_PROVIDER } from './observability/worker-tracing.provider';
import type { CoreMetricsEndpoint } from './ops/core-metrics.endpoint';
import { opsProviders } from './ops/ops.providers';
import { ReadModelModule } from './persistence/read-model.module';
import { TEMPORAL_CLIENT_PROVIDERS } from './temporal/temporal-client.providers';
import { TemporalWorkerService } from './temporal/temporal-worker.service';

/** The worker process: read-model access, the activity providers and the Temporal worker itself. */
@Module({})
export class WorkerModule {
  /** `runtime.coreMetrics`: where main.ts had the Temporal Runtime export the SDK's metrics (issue 6 §5). */
  static forRoot(config: WorkerConfig, runtime: { coreMetrics?: CoreMetricsEndpoint } = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ReadModelModule.forRoot(config.database.url), TerminusModule.forRoot()],
      providers: [
        { provide: WorkerConfig, useValue: config },
        WORKER_TRACING_PROVIDER,
        ...TEMPORAL_CLIENT_PROVIDERS,
        ReferralActivitiesProvider,
        RetentionActivitiesProvider,
        WachtlijstProjectionActivitiesProvider,
        { provide: AanbodPlacesWriter, useFactory: (dataSource: DataSource) => new AanbodPlacesWriter(dataSource), inject: [DataSource] },
        {
          provide: ChildPlanActivitiesProvider,
          useFactory: (client: Client) => new ChildPlanActivitiesProvider(client, config.temporal.childPlanHistoryLimit),
          inject: [Client],
        },
        ...NOTIFICATION_ACTIVITY_PROVIDERS,
        TemporalWorkerService,
        ...opsProviders(runtime.coreMetrics),
      ],
    };
  }
}
