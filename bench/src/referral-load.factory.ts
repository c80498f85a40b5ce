import { randomBytes } from 'node:crypto';
import type { Actor, ArrangementRequest, StartReferralRequest, ToewijzingRequest } from '@schakel/domain';

/**
 * The people and requests the benchmark sends. One region; schools, regisseurs and children are many, as
 * in a real samenwerkingsverband, so no single workflow, child plan or rate-limit bucket becomes a hot spot
 * that a real load would not have. Pseudonymous throughout, like the product's own fixtures.
 */
export const BENCH_REGION = 'swv-bench';

/** A run's children must not meet an earlier run's plans on a persistent server: a random prefix per run. */
const RUN = randomBytes(3).toString('hex');
let childCounter = 0;

/** A fresh pseudonymous child reference: every referral of a load run is a different child (its own plan). */
export function nextChildRef(): string {
  childCounter += 1;
  return `lln-${RUN}-${childCounter.toString(36)}`;
}

/** BRIN-shaped codes 10AA..99ZZ, deterministic from an index. */
export function brinOf(index: number): string {
  const digits = 10 + (index % 90);
  const letters = Math.floor(index / 90);
  const a = String.fromCharCode(65 + (letters % 26));
  const b = String.fromCharCode(65 + (Math.floor(letters / 26) % 26));
  return `${digits}${b}${a}`;
}

export function schoolActor(index: number, region = BENCH_REGION): Actor {
  return { sub: `ib-${index}`, role: 'school', org: brinOf(index), region };
}

export function loketActor(region = BENCH_REGION, index = 1): Actor {
  return { sub: `loket-${index}`, role: 'loket', org: region, region };
}

export function regisseurActor(index: number, region = BENCH_REGION): Actor {
  return { sub: `regisseur-${index}`, role: 'regisseur', org: region, region };
}

export function startBody(school: Actor, options: { thuiszitterSince?: string } = {}): StartReferralRequest {
  return {
    childRef: nextChildRef(),
    school: { brin: school.org as string, sector: 'PO' },
    concerns: [
      { area: 'sociaal-emotioneel', description: 'Trekt zich terug in de klas, komt moeilijk tot werken.' },
      { area: 'leren', description: 'Achterstand in begrijpend lezen van ruim een jaar ondanks extra begeleiding.' },
    ],
    thuiszitter: options.thuiszitterSince === undefined ? { isThuiszitter: false } : { isThuiszitter: true, since: options.thuiszitterSince },
    parents: { informed: true, consent: true },
    summary: 'Basisondersteuning is uitgeput; school vraagt om een arrangement.',
  };
}

export function toewijzingBody(regisseur: Actor): ToewijzingRequest {
  return { route: 'gecombineerd', providerId: 'zorg-42', regisseurId: regisseur.sub };
}

/** An arrangement whose evaluation lies a year ahead: no timer of it fires during a run. */
export function arrangementBody(now = new Date()): ArrangementRequest {
  const year = now.getUTCFullYear();
  return {
    goals: ['Werkt zelfstandig 20 minuten aan een taak', 'Neemt deel aan groepsactiviteiten'],
    kind: 'onderwijszorgarrangement',
    intensity: { level: 'middel', hoursPerWeek: 4 },
    location: { kind: 'school' },
    startDate: `${year + 1}-01-05`,
    endDate: `${year + 1}-12-18`,
    evaluationDate: `${year + 1}-06-30`,
  };
}
