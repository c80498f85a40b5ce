import { SpanStatusCode, type Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { SpanPrivacyProcessor } from './span-privacy.processor';

function spanWith(attributes: Record<string, unknown>, eventAttributes: Record<string, unknown> = {}): ReadableSpan {
  return {
    name: 'RunWorkflow:childPlanWorkflow',
    attributes,
    events: [{ name: 'exception', attributes: eventAttributes, time: [0, 0] }],
    status: { code: SpanStatusCode.ERROR, message: 'Leerling Sanne de Vries weigert' },
  } as unknown as ReadableSpan;
}

describe('the span privacy processor', () => {
  const ended: ReadableSpan[] = [];
  const next: SpanProcessor = {
    onStart: (_span: Span, _context: Context) => undefined,
    onEnd: (span) => void ended.push(span),
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
  const processor = new SpanPrivacyProcessor(next);

  it('passes ids and codes on, redacts a child plan id and drops everything else the SDK copies in', () => {
    const span = spanWith(
      {
        temporalWorkflowId: 'child-lln-7f3a9c',
        workflowId: 'child-lln-7f3a9c',
        runId: 'run-1',
        workflowType: 'childPlanWorkflow',
        'http.route': '/api/referrals/:id',
        memo: { note: 'x' },
        searchAttributes: { SchakelOverdue: [true] },
        lastFailure: 'Sanne de Vries',
        continuedFromExecutionRunId: 'run-0',
      },
      { 'exception.type': 'DomainError', 'exception.message': 'Sanne de Vries', 'exception.stacktrace': 'at …' },
    );
    processor.onEnd(span);
    expect(ended).toEqual([span]);
    expect(span.attributes).toEqual({ temporalWorkflowId: 'child-[redacted]', workflowId: 'child-[redacted]', runId: 'run-1', workflowType: 'childPlanWorkflow', 'http.route': '/api/referrals/:id' });
    expect(span.events[0]?.attributes).toEqual({ 'exception.type': 'DomainError' });
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR });
  });
});
