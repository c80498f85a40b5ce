import { logContext } from './log.context';
import { createRootLogger, formatTextLine } from './root.logger';

function capture(format: 'json' | 'text' = 'json') {
  const lines: string[] = [];
  const logger = createRootLogger({ level: 'info', format }, { service: 'schakel-test', destination: { write: (line: string) => void lines.push(line) } });
  return { logger, lines, json: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('the root logger', () => {
  it('writes one JSON object per line with the service, an ISO time and the level by name', () => {
    const { logger, json } = capture();
    logger.info({ context: 'Spec' }, 'hello');
    expect(json()).toEqual([expect.objectContaining({ service: 'schakel-test', level: 'info', context: 'Spec', msg: 'hello', time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) })]);
  });

  it('adds the current log context to every line, and only inside it', () => {
    const { logger, json } = capture();
    logContext.run({ requestId: 'req-1', actor: { role: 'school', sub: 'ib-1' } }, () => {
      logger.info('inside');
      logContext.assign({ activityType: 'projectReferral' });
      logger.info('later inside');
    });
    logger.info('outside');
    expect(json().map(({ msg, requestId, actor, activityType }) => ({ msg, requestId, actor, activityType }))).toEqual([
      { msg: 'inside', requestId: 'req-1', actor: { role: 'school', sub: 'ib-1' }, activityType: undefined },
      { msg: 'later inside', requestId: 'req-1', actor: { role: 'school', sub: 'ib-1' }, activityType: 'projectReferral' },
      { msg: 'outside', requestId: undefined, actor: undefined, activityType: undefined },
    ]);
  });

  it('redacts credentials and bodies wherever a careless call puts a request, headers or a body', () => {
    const { logger, lines } = capture();
    logger.info({ req: { method: 'POST', headers: { authorization: 'Bearer eyJ.secret', cookie: 'session=secret' }, body: { summary: 'Sanne de Vries' } } }, 'careless');
    logger.info({ headers: { authorization: 'Bearer eyJ.secret2' }, body: 'Sanne de Vries' }, 'careless too');
    const written = lines.join('');
    for (const secret of ['eyJ.secret', 'session=secret', 'Sanne de Vries']) expect(written).not.toContain(secret);
    expect(written).toContain('"authorization":"[redacted]"');
    expect(written).toContain('"method":"POST"');
  });

  it('writes the same fields as one readable line in text format', () => {
    const { logger, lines } = capture('text');
    logContext.run({ requestId: 'req-2' }, () => logger.warn({ context: 'HTTP', res: { statusCode: 429 } }, 'slow down'));
    expect(lines).toEqual([expect.stringMatching(/^\S+ WARN  \[HTTP\] slow down requestId=req-2 res=\{"statusCode":429\}\n$/)]);
    expect(formatTextLine('not json')).toBe('not json');
  });
});
