import { z } from 'zod';
import { ORGANISATION_ID } from '../actor/actor';
import { CHILD_REFERENCE } from '../referral/referral-request.schema';
import { CALENDAR_DATE } from '../time/amsterdam-time';

import { OVERBRUGGING_FORMS, URGENCIES } from './wait-terms';

export { OVERBRUGGING_FORMS, URGENCIES, type OverbruggingForm, type Urgency } from './wait-terms';

/** Why a case leaves a list without a place (issue 11 §3). */
export const WACHTLIJST_REMOVAL_REASONS = ['anderAanbod', 'ingetrokken', 'verhuisd', 'nietMeerNodig', 'anders'] as const;
export type WachtlijstRemovalReason = (typeof WACHTLIJST_REMOVAL_REASONS)[number];

/** Why a place became free: an arrangement ended, a case was withdrawn, or a client from outside Schakel left. */
export const PLACE_RELEASE_REASONS = ['arrangementBeeindigd', 'ingetrokken', 'vertrokken'] as const;
export type PlaceReleaseReason = (typeof PLACE_RELEASE_REASONS)[number];

const INSTANT = z.iso.datetime({ offset: true, message: 'must be an ISO instant with offset' });

/** A list's ids reach workflow ids and Update ids: opaque codes only, never personal data. */
export const WACHTLIJST_KEY = z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'must be 1-100 letters, digits, dots, colons, dashes or underscores');

/**
 * A case joins an aanbod's list (issue 11 §2-3). No names, no BSN: the child is its pseudonym.
 * `validUntil` is the end of the beschikking or TLV: a date (valid through that day) or an exact instant.
 */
export const enqueueWachtlijstRequestSchema = z
  .object({
    referralId: z.uuid(),
    childRef: CHILD_REFERENCE,
    region: ORGANISATION_ID,
    urgency: z.enum(URGENCIES).default('normaal'),
    thuiszitter: z.boolean().default(false),
    /** The overbruggingszorg already in place, if any. */
    overbrugging: z.enum(OVERBRUGGING_FORMS).nullable().default(null),
    validUntil: z.union([CALENDAR_DATE, INSTANT]).optional(),
    /** Waiting counts from the complete aanmelding (DOMAIN-PROVIDERS.md §2.1), which may precede this step. */
    waitingSince: INSTANT.optional(),
    /** Who else hears of an escalation: the case's regisseur (sub) and its school (BRIN). */
    regisseurId: z.string().min(1).max(200).optional(),
    school: ORGANISATION_ID.optional(),
  })
  .strict();
export type EnqueueWachtlijstRequest = z.output<typeof enqueueWachtlijstRequestSchema>;

export const removeFromWachtlijstRequestSchema = z.object({ referralId: z.uuid(), reason: z.enum(WACHTLIJST_REMOVAL_REASONS) }).strict();
export type RemoveFromWachtlijstRequest = z.output<typeof removeFromWachtlijstRequestSchema>;

/** Records (or, with null, ends) the overbruggingszorg of a waiting case; it moves the case's waiting norm. */
export const overbruggingRequestSchema = z.object({ referralId: z.uuid(), overbrugging: z.enum(OVERBRUGGING_FORMS).nullable() }).strict();
export type OverbruggingRequest = z.output<typeof overbruggingRequestSchema>;

/**
 * On the case (POST /api/referrals/:id/overbrugging, issue 11 §4): which overbruggingszorg the waiting child gets.
 * Only the form, from a fixed list: no free text, so no name, diagnosis or address can enter a list's state.
 */
export const startOverbruggingRequestSchema = z.object({ form: z.enum(OVERBRUGGING_FORMS) }).strict();
export type StartOverbruggingRequest = z.output<typeof startOverbruggingRequestSchema>;

/** Its end (POST /api/referrals/:id/overbrugging/end): nothing to say but that it stopped. */
export const endOverbruggingRequestSchema = z.object({}).strict();
export type EndOverbruggingRequest = z.output<typeof endOverbruggingRequestSchema>;

export const wachtlijstCapacityRequestSchema = z.object({ capacity: z.number().int('must be a whole number').min(0).max(100_000) }).strict();
export type WachtlijstCapacityRequest = z.output<typeof wachtlijstCapacityRequestSchema>;

/**
 * A place became free. `releaseId` is the caller's idempotency key (e.g. the arrangement that ended): the same
 * release twice frees one place. `referralId` names the occupant admitted through this list; without it, a
 * place taken outside Schakel is freed.
 */
export const placeFreedRequestSchema = z
  .object({ releaseId: WACHTLIJST_KEY, referralId: z.uuid().optional(), reason: z.enum(PLACE_RELEASE_REASONS) })
  .strict();
export type PlaceFreedRequest = z.output<typeof placeFreedRequestSchema>;

/** The list itself: when the aanbod's workflow first starts. */
export const openWachtlijstRequestSchema = z
  .object({
    aanbodId: WACHTLIJST_KEY,
    capacity: z.number().int().min(0).max(100_000),
    /** Places already taken when the list starts (by clients from before Schakel). */
    placesTaken: z.number().int().min(0).max(100_000).default(0),
  })
  .strict();
