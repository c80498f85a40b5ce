import { hostileInputIssues } from './hostile-input.check';

describe('hostileInputIssues', () => {
  it('accepts ordinary bodies, including text outside the BMP', () => {
    expect(hostileInputIssues({ summary: 'Leerling 😀 mist lessen', goals: ['a', { note: 'b' }], n: 1, ok: true, none: null }, '(body)')).toEqual([]);
  });

  it('names a NUL character and an unpaired surrogate in any string, by field path', () => {
    expect(hostileInputIssues({ summary: 'a\u0000b', goals: ['ok', '\ud800'] }, '(body)')).toEqual(
      expect.arrayContaining([
        { field: 'summary', message: 'must not contain NUL characters' },
        { field: 'goals.1', message: 'must be valid Unicode text (no unpaired surrogates)' },
      ]),
    );
    expect(hostileInputIssues('\udc00x', 'id')).toEqual([{ field: 'id', message: 'must be valid Unicode text (no unpaired surrogates)' }]);
  });

  it('refuses prototype keys at any depth, as JSON.parse creates them (own properties)', () => {
    const body: unknown = JSON.parse('{"a":{"__proto__":{"polluted":true}},"constructor":{"prototype":{}}}');
    expect(hostileInputIssues(body, '(body)')).toEqual(
      expect.arrayContaining([
        { field: 'a.__proto__', message: 'is not an accepted field name' },
        { field: 'constructor', message: 'is not an accepted field name' },
      ]),
    );
  });

  it('names a key with control characters without repeating them', () => {
    expect(hostileInputIssues({ 'x\u0000y': 1 }, '(body)')).toEqual([{ field: 'x?y', message: 'must not contain NUL characters' }]);
  });

  it('refuses nesting deeper than 16 levels without overflowing the stack', () => {
    const deep: unknown = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(hostileInputIssues(deep, '(body)')).toEqual([{ field: Array(16).fill('0').join('.'), message: 'is nested more than 16 levels deep' }]);
  });
});
