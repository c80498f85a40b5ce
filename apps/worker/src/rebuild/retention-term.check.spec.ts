import type { RetentionPolicy } from '@schakel/domain';
import { retentionVerdict } from './retention-term.check';

const NOW = new Date('2026-11-23T12:00:00Z');
const policy = (action: RetentionPolicy['action']): RetentionPolicy => ({
  action,
  closedCases: { onderwijs: { amount: 2, unit: 'jaren' }, jeugdhulp: { amount: 20, unit: 'jaren' }, gecombineerd: { amount: 20, unit: 'jaren' } },
  source: 'spec',
});

describe('retentionVerdict (what a rebuild does with a closed case Temporal still holds)', () => {
  it('projects open cases and every case when no retention is configured', () => {
    expect(retentionVerdict({ closedAt: null, route: 'onderwijs' }, policy('verwijderen'), NOW)).toBe('within-term');
    expect(retentionVerdict({ closedAt: '2020-01-01T00:00:00Z', route: 'onderwijs' }, undefined, NOW)).toBe('within-term');
  });

  it('follows the route: an onderwijs case closed three years ago is past its term, a jeugdhulp case is not', () => {
    expect(retentionVerdict({ closedAt: '2023-11-01T00:00:00Z', route: 'onderwijs' }, policy('anonimiseren'), NOW)).toBe('anonymise');
    expect(retentionVerdict({ closedAt: '2023-11-01T00:00:00Z', route: 'jeugdhulp' }, policy('anonimiseren'), NOW)).toBe('within-term');
  });

  it('counts a case closed before any toewijzing as onderwijs, as the sweep does', () => {
    expect(retentionVerdict({ closedAt: '2023-11-01T00:00:00Z', route: null }, policy('verwijderen'), NOW)).toBe('remove');
  });

  it('keeps a case closed exactly at the cutoff, as the sweep (closed_at < cutoff) does', () => {
    expect(retentionVerdict({ closedAt: '2024-11-23T12:00:00.000Z', route: 'onderwijs' }, policy('verwijderen'), NOW)).toBe('within-term');
    expect(retentionVerdict({ closedAt: '2024-11-23T11:59:59.999Z', route: 'onderwijs' }, policy('verwijderen'), NOW)).toBe('remove');
  });
});
