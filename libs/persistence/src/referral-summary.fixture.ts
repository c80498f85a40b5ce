import { randomUUID } from 'node:crypto';
import type { ReferralSummary } from '@schakel/domain';

/**
 * A read-model row as a workflow would project it, for specs that need rows at chosen dates (the
 * overdue list, the thuiszitter monitor) without running a case through time. Pseudonymous.
 */
export function referralSummary(overrides: Partial<ReferralSummary> = {}): ReferralSummary {
  const createdAt = overrides.createdAt ?? '2026-03-02T09:00:00.000Z';
  return {
    referralId: randomUUID(),
    stage: 'toewijzing',
    arrangementStatus: null,
    childRef: `lln-${randomUUID().slice(0, 6)}`,
    schoolBrin: '12AB',
    schoolSector: 'PO',
    region: 'swv-2801',
    thuiszitter: false,
    thuiszitterSince: null,
    route: null,
    providerId: null,
    regisseurId: null,
    evaluationDueAt: null,
    policyVersion: '2026.1',
    escalationLevel: 0,
    overdueSince: null,
    nextDueAt: null,
    createdAt,
    updatedAt: createdAt,
    closedAt: null,
    version: 2,
    ...overrides,
  };
}
