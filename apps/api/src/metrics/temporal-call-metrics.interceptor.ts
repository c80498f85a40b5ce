import { InterceptingCall, status as GrpcStatus, type Interceptor } from '@grpc/grpc-js';
import type { ApiMetrics } from './api.metrics';

const STATUS_NAMES = new Map<number, string>(Object.entries(GrpcStatus).filter((entry): entry is [string, number] => typeof entry[1] === 'number').map(([name, code]) => [code, name]));

/**
 * A gRPC interceptor on the API's connection to Temporal: one observation per call (start, Update, Query,
 * describe, schedule, health probe) by RPC name and status, so operators see how often and how slowly the
 * API talks to Temporal and which calls fail. Listed before the SDK's retry interceptor, so a retried call
 * counts once, with its final status and its whole duration.
 */
export function temporalCallMetricsInterceptor(metrics: ApiMetrics): Interceptor {
  return (options, nextCall) => {
    // `/temporal.api.workflowservice.v1.WorkflowService/UpdateWorkflowExecution` → UpdateWorkflowExecution
    const method = options.method_definition.path.split('/').pop() ?? 'unknown';
    const started = process.hrtime.bigint();
    return new InterceptingCall(nextCall(options), {
      start(metadata, _listener, next) {
        next(metadata, {
          onReceiveStatus(status, nextStatus) {
            metrics.temporalCalled(method, STATUS_NAMES.get(status.code) ?? String(status.code), Number(process.hrtime.bigint() - started) / 1e9);
            nextStatus(status);
          },
        });
      },
    });
  };
}
