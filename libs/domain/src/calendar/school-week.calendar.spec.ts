import { domainErrorOf } from '../errors/domain-error.fixture';
import { compareDates, daysBetween } from './civil-date.calendar';
import { HOLIDAY_REGIONS, type HolidayRegion } from './holiday-region.data';
import { SCHOOL_HOLIDAYS, type SchoolVacation, type SchoolVacationType } from './school-holidays.data';
import { addSchoolweken, checkSchoolHolidays, isSchoolDay, isSchoolWeek, schoolCalendarCoverage, schoolVacationOn } from './school-week.calendar';


/** The school years of CALENDAR.md §1.2 tagged [V]; the partial 2023-2024 row is [S] and not pinned. */
const VERIFIED_YEARS = SCHOOL_HOLIDAYS.filter((year) => year.tag === 'V');

function vacation(schoolYear: string, type: SchoolVacationType, region: HolidayRegion): SchoolVacation {
  const found = SCHOOL_HOLIDAYS.find((year) => year.schoolYear === schoolYear)?.vacations.find((v) => v.type === type && v.region === region);
  if (found === undefined) throw new Error(`no ${type} ${region} in ${schoolYear}`);
  return found;
}

describe('school-holidays.data', () => {
  it('covers school years 2024-2025 t/m 2028-2029 from verified sources, plus the zomervakantie 2024', () => {
    expect(VERIFIED_YEARS.map((year) => year.schoolYear)).toEqual(['2024-2025', '2025-2026', '2026-2027', '2027-2028', '2028-2029']);
    expect(VERIFIED_YEARS.every((year) => year.vacations.length === 15 && year.sources.length > 0)).toBe(true);
    expect(SCHOOL_HOLIDAYS[0]?.vacations.map((v) => v.type)).toEqual(['zomervakantie', 'zomervakantie', 'zomervakantie']);
  });

  it('passes the load checks of CALENDAR.md §8.1: Saturday → Sunday, published lengths, no overlaps', () => {
    expect(checkSchoolHolidays(SCHOOL_HOLIDAYS)).toEqual([]);
  });

  it('reports a range that does not start on a Saturday', () => {
    const broken = [{ ...VERIFIED_YEARS[0]!, vacations: VERIFIED_YEARS[0]!.vacations.map((v, i) => (i === 0 ? { ...v, start: '2024-10-25' } : v)) }];
    expect(checkSchoolHolidays(broken)).toEqual([
      '2024-2025 herfstvakantie noord 2024-10-25–2024-11-03: does not start on a Saturday',
      '2024-2025 herfstvakantie noord 2024-10-25–2024-11-03: lasts 10 days, not 9',
    ]);
  });

  it.each(VERIFIED_YEARS.map((year) => [year.schoolYear]))('%s satisfies the OCW spreading rules of CALENDAR.md §1.2', (schoolYear) => {
    const pairs: string[] = [];
    for (const type of ['herfstvakantie', 'voorjaarsvakantie'] as const) {
      const [noord, midden, zuid] = HOLIDAY_REGIONS.map((region) => vacation(schoolYear, type, region).start);
      // Exactly two regions share a week, and Noord and Zuid never pair.
      expect(noord === zuid).toBe(false);
      expect(Number(midden === noord) + Number(midden === zuid)).toBe(1);
      pairs.push(midden === noord ? 'midden+noord' : 'midden+zuid');
    }
    expect(pairs.sort()).toEqual(['midden+noord', 'midden+zuid']);
    // The three summer vacations share at least 4 weeks.
    const summers = HOLIDAY_REGIONS.map((region) => vacation(schoolYear, 'zomervakantie', region));
    const latestStart = summers.map((v) => v.start).sort(compareDates).at(-1)!;
    const earliestEnd = summers.map((v) => v.end).sort(compareDates)[0]!;
    expect(daysBetween(latestStart, earliestEnd) + 1).toBeGreaterThanOrEqual(28);
  });
});

describe('isSchoolDay', () => {
  it('is false in the region\'s vacation and true on a weekday outside it', () => {
    // Herfstvakantie 2026: Noord 10-10 – 10-18, Midden and Zuid 10-17 – 10-25.
    expect(isSchoolDay('2026-10-12', 'noord')).toBe(false);
    expect(isSchoolDay('2026-10-12', 'midden')).toBe(true);
    expect(isSchoolDay('2026-10-12', 'zuid')).toBe(true);
    expect(isSchoolDay('2026-10-19', 'noord')).toBe(true);
    expect(isSchoolDay('2026-10-19', 'zuid')).toBe(false);
    expect(schoolVacationOn('2026-10-19', 'midden')).toMatchObject({ type: 'herfstvakantie', status: 'advies', start: '2026-10-17', end: '2026-10-25' });
  });

  it('is false on weekends and algemeen erkende feestdagen outside vacations', () => {
    expect(isSchoolDay('2026-11-21', 'midden')).toBe(false); // zaterdag
    expect(isSchoolDay('2026-05-14', 'midden')).toBe(false); // Hemelvaartsdag
    expect(isSchoolDay('2026-05-25', 'zuid')).toBe(false); // Tweede Pinksterdag
    expect(isSchoolDay('2026-05-15', 'zuid')).toBe(true); // the Friday after Hemelvaart is the school's choice (§1.1)
  });

  it('uses the kerstvakantie, which is the same in all regions', () => {
    for (const region of HOLIDAY_REGIONS) {
      expect(isSchoolDay('2026-12-18', region)).toBe(true);
      expect(isSchoolDay('2026-12-21', region)).toBe(false);
      expect(isSchoolDay('2027-01-01', region)).toBe(false);
      expect(isSchoolDay('2027-01-04', region)).toBe(true);
    }
  });

  it('refuses dates outside the data with CALENDAR_OUT_OF_RANGE naming the date and the covered range', () => {
    const after = domainErrorOf(() => isSchoolDay('2029-09-03', 'noord'));
    expect(after.code).toBe('CALENDAR_OUT_OF_RANGE');
    expect(after.message).toContain('2029-09-03');
    expect(after.message).toContain('2024-08-01 t/m 2029-09-02');
    // Each region's data ends with its own zomervakantie 2029 (CALENDAR.md §8.4).
    expect(isSchoolDay('2029-09-02', 'noord')).toBe(false);
    expect(isSchoolDay('2029-08-26', 'zuid')).toBe(false);
    expect(domainErrorOf(() => isSchoolDay('2029-08-27', 'zuid')).code).toBe('CALENDAR_OUT_OF_RANGE');
    expect(domainErrorOf(() => isSchoolDay('2029-08-20', 'midden')).code).toBe('CALENDAR_OUT_OF_RANGE');
    const before = domainErrorOf(() => isSchoolDay('2024-07-31', 'zuid'));
    expect(before.code).toBe('CALENDAR_OUT_OF_RANGE');
    expect(before.message).toContain('2024-08-01 t/m 2029-08-26');
    expect(schoolCalendarCoverage('midden')).toMatchObject({ from: '2024-08-01', to: '2029-08-19' });
  });

  it('refuses an unknown region rather than defaulting', () => {
    expect(domainErrorOf(() => isSchoolDay('2026-10-12', 'oost' as HolidayRegion)).code).toBe('VALIDATION_FAILED');
  });
});

describe('isSchoolWeek', () => {
  it('is false for a whole vacation week and true for a week with only a feestdag off', () => {
    expect(isSchoolWeek('2026-10-14', 'noord')).toBe(false);
    expect(isSchoolWeek('2026-10-14', 'zuid')).toBe(true);
    // Week of Hemelvaart 2026 (Thu 14 May): still a schoolweek.
    expect(isSchoolWeek('2026-05-11', 'midden')).toBe(true);
    // The week holding the Saturday a vacation starts on is a schoolweek (Mon–Fri are school days).
    expect(isSchoolWeek('2026-12-19', 'midden')).toBe(true);
  });
});

describe('addSchoolweken', () => {
  it('is the same as weeks when no vacation lies in between', () => {
    expect(addSchoolweken('2026-11-04', 4, 'midden')).toBe('2026-12-02');
    expect(addSchoolweken('2026-11-04', 0, 'midden')).toBe('2026-11-04');
  });

  it.each(HOLIDAY_REGIONS.map((region) => [region]))('skips the two weeks of kerstvakantie in region %s', (region) => {
    // Wed 10 Dec 2025: weeks of 15 Dec (1), [22 Dec, 29 Dec kerstvakantie], 5 Jan (2), 12 Jan (3) → Wed 14 Jan 2026.
    expect(addSchoolweken('2025-12-10', 3, region)).toBe('2026-01-14');
    // Mon 20 Dec 2027 is the last schoolweek before kerstvakantie 2027-12-25 – 2028-01-09: next is week of 10 Jan.
    expect(addSchoolweken('2027-12-20', 1, region)).toBe('2028-01-10');
  });

  it('gives each region its own due date when herfst- and voorjaarsvakantie differ around Kerst', () => {
    // From Wed 15 Oct 2025, 15 schoolweken: every region skips kerst (2 weeks) and its own herfst and voorjaar week.
    // Zuid: herfst is the start week itself (11–19 Oct), voorjaar week of 16 Feb → Wed 11 Feb 2026.
    expect(addSchoolweken('2025-10-15', 15, 'zuid')).toBe('2026-02-11');
    // Noord: herfst week of 20 Oct, voorjaar week of 23 Feb (after the due week) → Wed 18 Feb 2026.
    expect(addSchoolweken('2025-10-15', 15, 'noord')).toBe('2026-02-18');
    // Midden: herfst week of 20 Oct, voorjaar week of 16 Feb → Wed 25 Feb 2026.
    expect(addSchoolweken('2025-10-15', 15, 'midden')).toBe('2026-02-25');
  });

  it('counts from a start inside a vacation from the next schoolweek', () => {
    // Wed 14 Oct 2026 is in Noord's herfstvakantie, not in Midden's (17–25 Oct).
    expect(addSchoolweken('2026-10-14', 10, 'noord')).toBe('2027-01-06');
    expect(addSchoolweken('2026-10-14', 10, 'midden')).toBe('2027-01-13');
  });

  it('refuses a count that needs weeks after the data, naming the first such date', () => {
    // Zuid: 5 schoolweken up to the week of 9 Jul 2029, then zomervakantie to 26 Aug, then no data.
    expect(addSchoolweken('2029-06-06', 5, 'zuid')).toBe('2029-07-11');
    const error = domainErrorOf(() => addSchoolweken('2029-06-06', 6, 'zuid'));
    expect(error.code).toBe('CALENDAR_OUT_OF_RANGE');
    expect(error.message).toContain('2029-08-27');
    expect(domainErrorOf(() => addSchoolweken('2024-07-24', 1, 'noord')).code).toBe('CALENDAR_OUT_OF_RANGE');
    expect(domainErrorOf(() => addSchoolweken('2026-11-04', -1, 'noord')).code).toBe('VALIDATION_FAILED');
  });
});
