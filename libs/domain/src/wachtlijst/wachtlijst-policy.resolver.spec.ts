import { deadlinePolicySchema, type DeadlinePolicyFile } from '../deadline/deadline-policy.schema';
import { NATIONAL_DEADLINE_POLICY, NATIONAL_WACHTLIJST_POLICY } from '../deadline/national-deadline-policy.data';
import { resolveWachtlijstPolicy } from './wachtlijst-policy.resolver';

const { wachtlijst: _national, ...withoutWachtlijst } = NATIONAL_DEADLINE_POLICY;

describe('the wachtlijst section of the deadline policy', () => {
  it('is part of the national policy, which still validates, and names a source for every rule', () => {
    const parsed = deadlinePolicySchema.parse(NATIONAL_DEADLINE_POLICY);
    expect(parsed.wachtlijst?.ordering.criteria).toEqual(['thuiszitter', 'urgentie', 'langstWachtend']);
    for (const rule of Object.values(NATIONAL_WACHTLIJST_POLICY.rules)) expect(rule.source.length).toBeGreaterThan(10);
    expect(NATIONAL_WACHTLIJST_POLICY.ordering.source.length).toBeGreaterThan(10);
  });

  it('escalates a case without overbrugging sooner than one with (9 and 14 weeks — DOMAIN-PROVIDERS.md §2.1)', () => {
    const { wachttijd, wachttijdZonderOverbrugging } = NATIONAL_WACHTLIJST_POLICY.rules;
    expect(wachttijd.term).toEqual({ amount: 14, unit: 'weken' });
    expect(wachttijdZonderOverbrugging.term).toEqual({ amount: 9, unit: 'weken' });
  });

  it('keeps a policy file written before wachtlijsten valid, and gives it the national section', () => {
    const parsed = deadlinePolicySchema.parse(withoutWachtlijst);
    expect(parsed.wachtlijst).toBeUndefined();
    const resolved = resolveWachtlijstPolicy(parsed, 'swv-2801');
    expect(resolved.rules).toEqual(NATIONAL_WACHTLIJST_POLICY.rules);
    expect(resolved).toMatchObject({ version: NATIONAL_DEADLINE_POLICY.version, region: 'swv-2801', holidayRegion: 'midden' });
  });

  it('applies a region override to the order and to single fields of a rule', () => {
    const file: DeadlinePolicyFile = {
      ...withoutWachtlijst,
      regions: {
        'swv-2801': {
          holidayRegion: 'noord',
          wachtlijst: { ordering: { criteria: ['urgentie', 'thuiszitter'], source: 'ketenafspraak SWV 28.01' }, rules: { wachttijd: { term: { amount: 10, unit: 'weken' } } } },
        },
      },
    };
    const parsed = deadlinePolicySchema.parse(file);
    const regional = resolveWachtlijstPolicy(parsed, 'swv-2801');
    expect(regional.ordering.criteria).toEqual(['urgentie', 'thuiszitter']);
    expect(regional.rules.wachttijd.term).toEqual({ amount: 10, unit: 'weken' });
    expect(regional.rules.wachttijd.source).toBe(NATIONAL_WACHTLIJST_POLICY.rules.wachttijd.source);
    expect(regional.holidayRegion).toBe('noord');
    expect(resolveWachtlijstPolicy(parsed, 'swv-elders').rules.wachttijd.term).toEqual({ amount: 14, unit: 'weken' });
  });

  it('refuses a section without sources, with a criterion twice, or with an unknown rule', () => {
    const bad = (wachtlijst: unknown) => deadlinePolicySchema.safeParse({ ...withoutWachtlijst, wachtlijst }).success;
    expect(bad(NATIONAL_WACHTLIJST_POLICY)).toBe(true);
    expect(bad({ ...NATIONAL_WACHTLIJST_POLICY, ordering: { criteria: ['urgentie', 'urgentie'], source: 'x' } })).toBe(false);
    expect(bad({ ...NATIONAL_WACHTLIJST_POLICY, ordering: { criteria: ['urgentie'] } })).toBe(false);
    expect(bad({ ...NATIONAL_WACHTLIJST_POLICY, rules: { ...NATIONAL_WACHTLIJST_POLICY.rules, wachttijd: { ...NATIONAL_WACHTLIJST_POLICY.rules.wachttijd, source: '' } } })).toBe(false);
    expect(bad({ ...NATIONAL_WACHTLIJST_POLICY, rules: { ...NATIONAL_WACHTLIJST_POLICY.rules, wachtrij: NATIONAL_WACHTLIJST_POLICY.rules.wachttijd } })).toBe(false);
  });
});
