import { dutchDateOf, startOfDutchDay, toInstant } from './amsterdam-time';

describe('startOfDutchDay', () => {
  it('is 23:00 UTC the day before in winter time (CET, UTC+1)', () => {
    expect(new Date(startOfDutchDay('2026-01-15')).toISOString()).toBe('2026-01-14T23:00:00.000Z');
  });

  it('is 22:00 UTC the day before in summer time (CEST, UTC+2)', () => {
    expect(new Date(startOfDutchDay('2026-06-15')).toISOString()).toBe('2026-06-14T22:00:00.000Z');
  });

  it('uses winter time on the day summer time starts (last Sunday of March 2026 is the 29th)', () => {
    expect(new Date(startOfDutchDay('2026-03-29')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(startOfDutchDay('2026-03-30')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('uses summer time on the day summer time ends (last Sunday of October 2026 is the 25th)', () => {
    expect(new Date(startOfDutchDay('2026-10-25')).toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(new Date(startOfDutchDay('2026-10-26')).toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });
});

describe('toInstant', () => {
  it('takes an exact instant with offset as given', () => {
    expect(toInstant('2026-11-23T10:00:00+01:00')).toBe(Date.parse('2026-11-23T09:00:00Z'));
  });

  it('takes a calendar date as the start of that Dutch day', () => {
    expect(toInstant('2026-11-23')).toBe(startOfDutchDay('2026-11-23'));
  });
});

describe('dutchDateOf', () => {
  it('gives the Dutch calendar date of a moment late in the UTC evening', () => {
    expect(dutchDateOf(Date.parse('2026-07-01T22:30:00Z'))).toBe('2026-07-02');
    expect(dutchDateOf(Date.parse('2026-12-31T22:30:00Z'))).toBe('2026-12-31');
  });
});
