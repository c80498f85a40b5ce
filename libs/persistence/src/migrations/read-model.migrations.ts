import { ReadModel1764000000000 } from './1764000000000-ReadModel';
import { ReferralDeadlines1767000000000 } from './1767000000000-ReferralDeadlines';
import { Notifications1767100000000 } from './1767100000000-Notifications';
import { ChildPlanNotifications1767200000000 } from './1767200000000-ChildPlanNotifications';
import { CaseAudit1767300000000 } from './1767300000000-CaseAudit';
import { Retention1767400000000 } from './1767400000000-Retention';
import { PersonalDetails1767500000000 } from './1767500000000-PersonalDetails';
import { WorkListKeysets1767650000000 } from './1767650000000-WorkListKeysets';
import { ProviderCatalogue1768000000000 } from './1768000000000-ProviderCatalogue';
import { InzageRequests1768100000000 } from './1768100000000-InzageRequests';
import { WachtlijstReadModel1768200000000 } from './1768200000000-WachtlijstReadModel';
import { ParentNotifications1768400000000 } from './1768400000000-ParentNotifications';
import { InzageRequestRegion1768300000000 } from './1768300000000-InzageRequestRegion';

/**
 * Every committed migration, oldest first. Listed as classes rather than a file glob so the same list
 * works from dist (node) and from source (jest). Migrations are never edited once merged: a change to
 * the schema is a new file appended here.
 */
export const READ_MODEL_MIGRATIONS = [ReadModel1764000000000, ReferralDeadlines1767000000000, Notifications1767100000000, ChildPlanNotifications1767200000000, CaseAudit1767300000000, Retention1767400000000, PersonalDetails1767500000000, WorkListKeysets1767650000000, ProviderCatalogue1768000000000, InzageRequests1768100000000, WachtlijstReadModel1768200000000, InzageRequestRegion1768300000000, ParentNotifications1768400000000];
