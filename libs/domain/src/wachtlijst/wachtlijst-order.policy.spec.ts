import { wachtlijstComparator, type Orderable } from './wachtlijst-order.policy';

const entry = (sequence: number, overrides: Partial<Orderable> = {}): Orderable => ({
  sequence,
  thuiszitter: false,
  urgency: 'normaal',
  overbrugging: null,
  waitingSince: '2026-03-01T09:00:00.000Z',
  ...overrides,
});
const order = (criteria: Parameters<typeof wachtlijstComparator>[0], entries: Orderable[]) => [...entries].sort(wachtlijstComparator(criteria)).map((e) => e.sequence);

describe('wachtlijstComparator', () => {
  it('puts thuiszitters first, then urgency, then the longest wait (the national order)', () => {
    const entries = [
      entry(1, { waitingSince: '2026-01-01T09:00:00.000Z' }),
      entry(2, { urgency: 'spoed' }),
      entry(3, { thuiszitter: true, waitingSince: '2026-04-01T09:00:00.000Z' }),
      entry(4, { urgency: 'hoog', waitingSince: '2026-02-01T09:00:00.000Z' }),
      entry(5, { urgency: 'hoog', waitingSince: '2026-01-15T09:00:00.000Z' }),
    ];
    expect(order(['thuiszitter', 'urgentie', 'langstWachtend'], entries)).toEqual([3, 2, 5, 4, 1]);
  });

  it('breaks a full tie by the longest wait and then by the order of arrival', () => {
    const entries = [entry(3), entry(1), entry(2, { waitingSince: '2026-02-27T09:00:00.000Z' })];
    expect(order(['thuiszitter', 'urgentie'], entries)).toEqual([2, 1, 3]);
  });

  it('follows another policy order, e.g. urgency before thuiszitters and cases without overbrugging first', () => {
    const entries = [entry(1, { thuiszitter: true }), entry(2, { urgency: 'spoed', overbrugging: 'ambulanteHulp' }), entry(3, { urgency: 'spoed' })];
    expect(order(['urgentie', 'zonderOverbrugging', 'thuiszitter'], entries)).toEqual([3, 2, 1]);
    expect(order(['langstWachtend'], entries)).toEqual([1, 2, 3]);
  });

  it('is a total order: no two different entries compare equal', () => {
    const compare = wachtlijstComparator(['thuiszitter']);
    expect(compare(entry(1), entry(2))).toBeLessThan(0);
    expect(compare(entry(2), entry(1))).toBeGreaterThan(0);
  });
});
