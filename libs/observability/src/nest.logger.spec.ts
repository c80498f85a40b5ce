import { Logger } from '@nestjs/common';
import { PinoNestLogger, pinoLevelFor } from './nest.logger';
import { createRootLogger } from './root.logger';

describe("Nest's logger over pino", () => {
  const lines: Array<Record<string, unknown>> = [];
  const root = createRootLogger({ level: 'debug', format: 'json' }, { service: 'schakel-test', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
  const nest = new PinoNestLogger(root);

  beforeEach(() => {
    lines.length = 0;
    root.level = 'debug';
  });

  it('keeps the context Nest appends, and an error stack apart from it', () => {
    nest.log('started', 'Bootstrap');
    nest.error('failed', 'Error: boom\n    at somewhere (file.ts:1:1)', 'Worker');
    nest.warn({ referralId: 'r-1' }, 'Projection');
    expect(lines.map(({ level, msg, context, stack, referralId }) => ({ level, msg, context, stack, referralId }))).toEqual([
      { level: 'info', msg: 'started', context: 'Bootstrap', stack: undefined, referralId: undefined },
      { level: 'error', msg: 'failed', context: 'Worker', stack: 'Error: boom\n    at somewhere (file.ts:1:1)', referralId: undefined },
      { level: 'warn', msg: undefined, context: 'Projection', stack: undefined, referralId: 'r-1' },
    ]);
  });

  it("serves `new Logger(context)` once Nest's static logger is overridden", () => {
    Logger.overrideLogger(nest);
    new Logger('ReferralActivities').log('projected');
    Logger.overrideLogger(false);
    expect(lines).toEqual([expect.objectContaining({ level: 'info', msg: 'projected', context: 'ReferralActivities' })]);
  });

  it("follows Nest's level lists: the most verbose level listed, none: silent", () => {
    expect(pinoLevelFor(['error', 'warn'])).toBe('warn');
    expect(pinoLevelFor(['log', 'error', 'debug'])).toBe('debug');
    expect(pinoLevelFor([])).toBe('silent');
    nest.setLogLevels(['error']);
    nest.log('dropped');
    nest.error('kept');
    expect(lines.map((line) => line['msg'])).toEqual(['kept']);
  });
});
