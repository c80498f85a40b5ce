import type { Provider } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { NotificationStore } from '@schakel/persistence';
import type { WebhookRetrySchedule } from '@schakel/workflows/contracts';
import { WorkerConfig } from '../config/worker.config';
import { WebhookDeliveryScheduler } from '../notifications/webhook-delivery.scheduler';
import { WebhookSender } from '../notifications/webhook.sender';
import { NotificationActivitiesProvider } from './notification.activities';

/** The notification activities and what they need, for the worker module. Needs DataSource, Client and WorkerConfig. */
export const NOTIFICATION_ACTIVITY_PROVIDERS: Provider[] = [
  { provide: NotificationStore, useFactory: (dataSource: DataSource) => new NotificationStore(dataSource), inject: [DataSource] },
  {
    provide: WebhookDeliveryScheduler,
    useFactory: (client: Client, config: WorkerConfig) => new WebhookDeliveryScheduler(client, { taskQueue: config.temporal.taskQueue }),
    inject: [Client, WorkerConfig],
  },
  // Plain http only to a receiver on the same machine, and never in production.
  { provide: WebhookSender, useFactory: (config: WorkerConfig) => new WebhookSender({ allowLoopbackHttp: config.env !== 'production' }), inject: [WorkerConfig] },
  NotificationActivitiesProvider,
];

export interface NotificationActivitiesSettings {
  dataSource: DataSource;
  /** Starts the delivery workflows. */
  client: Client;
  /** The task queue of the worker that runs the delivery workflows. */
  taskQueue: string;
  /** Default: the contract's production schedule. */
  retry?: WebhookRetrySchedule;
  /** Default false (production). */
  allowLoopbackHttp?: boolean;
}

/** The same provider outside Nest, for tests and tools that build a worker by hand. */
export function createNotificationActivities(settings: NotificationActivitiesSettings): NotificationActivitiesProvider {
  const schedule = settings.retry === undefined ? { taskQueue: settings.taskQueue } : { taskQueue: settings.taskQueue, retry: settings.retry };
  return new NotificationActivitiesProvider(
    new NotificationStore(settings.dataSource),
    new WebhookDeliveryScheduler(settings.client, schedule),
    new WebhookSender({ allowLoopbackHttp: settings.allowLoopbackHttp ?? false }),
  );
}
