import type { Pool } from 'pg';

/** The seeded regions: `swv-r01` (the largest) … `swv-r20`. */
export const SEED_REGIONS = 20;
export const SEED_BOARDS_PER_REGION = 12;
export const SEED_VESTIGINGEN_PER_BOARD = 5;
export const SEED_REGISSEURS_PER_REGION = 40;

export function seedRegion(index: number): string {
  return `swv-r${String(index).padStart(2, '0')}`;
}

/** The board's BRIN (4 characters, as a school board's token carries it) of board `board` in region `region`. */
export function seedBoardBrin(region: number, board: number): string {
  return `${10 + region}${String.fromCharCode(65 + board)}X`;
}

/**
 * 100,000 read-model rows in one INSERT … SELECT over generate_series: seconds instead of minutes of projections,
 * and the same rows on every run (setseed). Distributions, chosen to look like a province's caseload:
 *  - 20 samenwerkingsverbanden of skewed size (region = 1 + ⌊20·u^1.6⌋: the largest holds ~15 %, the smallest < 2 %);
 *  - per region 12 school boards of 5 vestigingen (BRIN 12AX01…), skewed too (a few schools refer most);
 *  - stage: toewijzing 8 %, arrangement 12 %, uitvoering 45 %, evaluatie 5 %, afgesloten 25 %, ingetrokken 5 %;
 *  - created over the last three years, recent years heavier (age = 1095 d · u^1.3), at millisecond precision
 *    like the worker's rows (the keyset cursor carries milliseconds);
 *  - 40 regisseurs per region (skewed caseloads) and 50 providers once the toewijzing is made;
 *  - 3 % thuiszitters; 10 % of open cases overdue (escalation level 1-3, overdue up to 60 days).
 */
export async function seedReferrals(pool: Pool, count: number): Promise<void> {
  await pool.query('SELECT setseed(0.4217)');
  await pool.query(
    `
    WITH draw AS (
      SELECT g,
        1 + floor(${SEED_REGIONS} * power(random(), 1.6))::int AS region,
        floor(${SEED_BOARDS_PER_REGION} * power(random(), 1.3))::int AS board,
        1 + floor(${SEED_VESTIGINGEN_PER_BOARD} * power(random(), 1.5))::int AS vestiging,
        random() AS u_stage,
        random() AS u_age,
        random() AS u_updated,
        random() AS u_thuis,
        random() AS u_overdue,
        random() AS u_level,
        random() AS u_due,
        floor(${SEED_REGISSEURS_PER_REGION} * power(random(), 1.2))::int AS regisseur,
        1 + floor(50 * random())::int AS provider,
        floor(3 * random())::int AS route,
        random() AS u_sector
      FROM generate_series(1, $1::int) AS g
    ), shaped AS (
      SELECT *,
        CASE WHEN u_stage < 0.08 THEN 'toewijzing' WHEN u_stage < 0.20 THEN 'arrangement' WHEN u_stage < 0.65 THEN 'uitvoering'
             WHEN u_stage < 0.70 THEN 'evaluatie' WHEN u_stage < 0.95 THEN 'afgesloten' ELSE 'ingetrokken' END AS stage,
        date_trunc('milliseconds', now() - make_interval(secs => 1095 * 86400 * power(u_age, 1.3))) AS created
      FROM draw
    )
    INSERT INTO referral (id, stage, arrangement_status, child_ref, school_brin, school_sector, region, thuiszitter, thuiszitter_since,
                          route, provider_id, regisseur_id, evaluation_due_at, policy_version, escalation_level, overdue_since,
                          next_due_at, created_at, updated_at, closed_at, version)
    SELECT gen_random_uuid(),
      stage,
      CASE stage WHEN 'arrangement' THEN (CASE WHEN u_updated < 0.5 THEN 'concept' ELSE 'ter_goedkeuring' END)
                 WHEN 'uitvoering' THEN 'goedgekeurd' WHEN 'evaluatie' THEN 'goedgekeurd' WHEN 'afgesloten' THEN 'goedgekeurd' ELSE NULL END,
      'lln-' || substr(md5(g::text || '-seed'), 1, 12),
      ${boardSql('region', 'board')} || lpad(vestiging::text, 2, '0'),
      CASE WHEN u_sector < 0.62 THEN 'PO' WHEN u_sector < 0.92 THEN 'VO' WHEN u_sector < 0.96 THEN 'SBO' ELSE 'SO' END,
      'swv-r' || lpad(region::text, 2, '0'),
      u_thuis < 0.03,
      CASE WHEN u_thuis < 0.03 THEN (created - make_interval(days => (u_thuis * 2000)::int))::date END,
      CASE WHEN stage IN ('toewijzing') THEN NULL ELSE (ARRAY['onderwijs','jeugdhulp','gecombineerd'])[route + 1] END,
      CASE WHEN stage IN ('toewijzing') THEN NULL ELSE 'zorg-' || provider END,
      CASE WHEN stage IN ('toewijzing') THEN NULL ELSE 'regisseur-r' || lpad(region::text, 2, '0') || '-' || regisseur END,
      CASE WHEN stage = 'uitvoering' THEN date_trunc('milliseconds', now() + make_interval(days => (u_due * 180)::int)) END,
      '2026.1',
      CASE WHEN stage NOT IN ('afgesloten','ingetrokken') AND u_overdue < 0.10 THEN 1 + floor(3 * u_level)::int ELSE 0 END,
      CASE WHEN stage NOT IN ('afgesloten','ingetrokken') AND u_overdue < 0.10 THEN date_trunc('milliseconds', now() - make_interval(secs => 60 * 86400 * u_level)) END,
      CASE WHEN stage IN ('afgesloten','ingetrokken') THEN NULL
           WHEN u_overdue < 0.10 THEN date_trunc('milliseconds', now() - make_interval(secs => 60 * 86400 * u_level))
           ELSE date_trunc('milliseconds', now() + make_interval(secs => 30 * 86400 * u_due)) END,
      created,
      created + (now() - created) * u_updated,
      CASE WHEN stage IN ('afgesloten','ingetrokken') THEN created + (now() - created) * u_updated END,
      2 + floor(10 * u_updated)::int
    FROM shaped`,
    [count],
  );
  await pool.query('ANALYZE referral');
}

function boardSql(region: string, board: string): string {
  return `(10 + ${region})::text || chr(65 + ${board}) || 'X'`;
}
