import { createRootLogger } from '@schakel/observability';
import { TemporalRuntimeLogger } from './temporal-runtime.logger';

describe("the Temporal SDK's logger", () => {
  const lines: Array<Record<string, unknown>> = [];
  const logger = new TemporalRuntimeLogger(
    createRootLogger({ level: 'info', format: 'json' }, { service: 'schakel-worker', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } }),
  );

  beforeEach(() => (lines.length = 0));

  it('keeps ids and types, redacts a child plan id, and never writes arguments or payloads', () => {
    logger.info('Activity completed', {
      sdkComponent: 'activity',
      workflowId: 'child-lln-7f3a9c',
      workflowType: 'childPlanWorkflow',
      activityType: 'recordNotification',
      requestId: 'req-1',
      trace_id: 'abc',
      args: [{ summary: 'Sanne de Vries' }],
    });
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', context: 'Temporal', msg: 'Activity completed', workflowId: 'child-[redacted]', workflowType: 'childPlanWorkflow', activityType: 'recordNotification', requestId: 'req-1', traceId: 'abc' }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('Sanne de Vries');
    expect(JSON.stringify(lines)).not.toContain('lln-7f3a9c');
  });

  it("reduces an error to its name and message, and keeps webpack's statistics below info", () => {
    logger.error('Activity failed', { error: new TypeError('bad projection') });
    logger.info('asset workflow-bundle.js 6.5 MiB [emitted]\nwebpack 5 compiled successfully');
    logger.debug('hidden');
    expect(lines).toEqual([expect.objectContaining({ level: 'error', msg: 'Activity failed', error: 'TypeError: bad projection' })]);
  });
});
