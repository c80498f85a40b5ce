import type { SchoolSector } from '../school/school-sector';
import { hasZorgplicht, isAllowedRoute, isMboEntry, isSchoolDestination, mboAanmeldingDeadline, needsTlv, type TransitionDestination } from './transition-route';

describe('isAllowedRoute', () => {
  it.each<[SchoolSector, TransitionDestination]>([
    ['PO', 'VO'],
    ['PO', 'SBO'],
    ['PO', 'SO'],
    // Group 8 pupils go straight to praktijkonderwijs or VSO at the PO→VO overstap (DESIGN.md, Transitions).
    ['PO', 'PRO'],
    ['PO', 'VSO'],
    ['VO', 'PRO'],
    ['VO', 'VSO'],
    ['VO', 'MBO'],
    ['VSO', 'arbeid'],
    ['VSO', 'dagbesteding'],
    ['VSO', 'MBO'],
    ['PRO', 'arbeid'],
    ['SBO', 'PO'],
    ['SO', 'VO'],
  ])('allows an overstap from %s to %s', (from, to) => {
    expect(isAllowedRoute(from, to)).toBe(true);
  });

  it.each<SchoolSector>(['PO', 'SBO', 'SO', 'VO', 'PRO', 'VSO', 'MBO'])('allows a tussentijdse schoolwissel within %s', (sector) => {
    expect(isAllowedRoute(sector, sector)).toBe(true);
  });

  it.each<[SchoolSector, TransitionDestination]>([
    ['MBO', 'PO'],
    ['MBO', 'VO'],
    ['PO', 'MBO'],
    ['PO', 'arbeid'],
    ['PO', 'dagbesteding'],
    ['VO', 'PO'],
    ['VO', 'SO'],
    ['VO', 'arbeid'],
    ['PRO', 'dagbesteding'],
  ])('refuses an overstap from %s to %s', (from, to) => {
    expect(isAllowedRoute(from, to)).toBe(false);
  });
});

describe('needsTlv', () => {
  it.each<TransitionDestination>(['SBO', 'SO', 'VSO', 'PRO'])('asks a TLV for admission to %s (DOMAIN.md §1.3)', (to) => {
    expect(needsTlv(to)).toBe(true);
  });

  it.each<TransitionDestination>(['PO', 'VO', 'MBO', 'arbeid', 'dagbesteding'])('asks no TLV for %s', (to) => {
    expect(needsTlv(to)).toBe(false);
  });
});

describe('hasZorgplicht and isMboEntry', () => {
  it('binds PO, VO and (V)SO boards with zorgplicht, not MBO nor a destination outside school', () => {
    expect((['PO', 'SBO', 'SO', 'VO', 'PRO', 'VSO'] as const).every(hasZorgplicht)).toBe(true);
    expect((['MBO', 'arbeid', 'dagbesteding'] as const).some(hasZorgplicht)).toBe(false);
  });

  it('counts an entry into MBO from another sector, not a change of MBO school', () => {
    expect(isMboEntry('VO', 'MBO')).toBe(true);
    expect(isMboEntry('VSO', 'MBO')).toBe(true);
    expect(isMboEntry('MBO', 'MBO')).toBe(false);
    expect(isMboEntry('VO', 'VSO')).toBe(false);
  });

  it('tells school destinations from arbeid and dagbesteding', () => {
    expect(isSchoolDestination('VO')).toBe(true);
    expect(isSchoolDestination('arbeid')).toBe(false);
    expect(isSchoolDestination('dagbesteding')).toBe(false);
  });
});

describe('mboAanmeldingDeadline (1 April before the school year of entry — DOMAIN.md §1.11)', () => {
  // 1 April 2027 is in summer time: the day ends at 2027-04-01T22:00Z.
  const endOfFirstApril2027 = Date.parse('2027-04-01T22:00:00Z');

  it('is the end of 1 April of the same calendar year for a start in the new school year', () => {
    expect(mboAanmeldingDeadline('2027-08-30')).toBe(endOfFirstApril2027);
    expect(mboAanmeldingDeadline('2027-08-01')).toBe(endOfFirstApril2027);
  });

  it('is the end of 1 April of the previous calendar year for a start later in that school year', () => {
    expect(mboAanmeldingDeadline('2028-02-01')).toBe(endOfFirstApril2027);
    expect(mboAanmeldingDeadline('2028-07-31')).toBe(endOfFirstApril2027);
  });

  it('reads an exact start instant in Dutch time, not in UTC', () => {
    // 00:00 on 1 August 2027 in Amsterdam is 31 July in UTC: still the school year 2027-2028.
    expect(mboAanmeldingDeadline('2027-07-31T22:00:00Z')).toBe(endOfFirstApril2027);
    expect(mboAanmeldingDeadline('2027-09-01T08:30:00+02:00')).toBe(endOfFirstApril2027);
  });
});
