import { NATIONAL_DEADLINE_POLICY } from '@schakel/domain';
import { DeadlinePolicyProvider } from './deadline-policy.provider';

describe('DeadlinePolicyProvider', () => {
  const provider = new DeadlinePolicyProvider({
    policy: { ...NATIONAL_DEADLINE_POLICY, regions: { 'swv-2801': { holidayRegion: 'zuid', rules: { toewijzing: { term: { amount: 3, unit: 'werkdagen' } } } } } },
    origin: { kind: 'built-in' },
  });

  it('resolves the rules for a region with its overrides applied', () => {
    const resolved = provider.resolveFor('swv-2801');

    expect(resolved).toMatchObject({ version: NATIONAL_DEADLINE_POLICY.version, region: 'swv-2801', holidayRegion: 'zuid' });
    expect(resolved.rules.toewijzing.term).toEqual({ amount: 3, unit: 'werkdagen' });
    expect(resolved.rules.toewijzing.source).toBe(NATIONAL_DEADLINE_POLICY.rules.toewijzing.source);
  });

  it('gives a region without overrides the national rules and holiday region', () => {
    const resolved = provider.resolveFor('swv-3000');

    expect(resolved.holidayRegion).toBe(NATIONAL_DEADLINE_POLICY.defaultHolidayRegion);
    expect(resolved.rules).toEqual(NATIONAL_DEADLINE_POLICY.rules);
  });
});
