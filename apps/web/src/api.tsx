/** The API's one error shape: {statusCode, code, message, issues?, requestId}. */
export interface ApiIssue {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
    readonly requestId?: string,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'schakel.token';

export function storedToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function storeToken(token: string | null): void {
  if (token === null) sessionStorage.removeItem(TOKEN_KEY);
  else sessionStorage.setItem(TOKEN_KEY, token);
}

type ApiOptions = { method?: 'GET' | 'POST' | 'PUT' | 'PATCH'; body?: unknown; headers?: Record<string, string>; token?: string | null };

/** Calls the API under /api with the signed-in user's bearer token; a refusal throws an ApiError. */
export async function api<T>(path: string, options: ApiOptions = {}): Promise<T> {
  return (await apiWithTag<T>(path, options)).body;
}

/**
 * As api(), with the answer's ETag: the version a later change sends back as If-Match, so a change made by
 * someone else in between is refused (412 VERSION_CONFLICT) instead of silently overwritten.
 */
export async function apiWithTag<T>(path: string, options: ApiOptions = {}): Promise<{ body: T; etag: string | null }> {
  const token = options.token === undefined ? storedToken() : options.token;
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (token) headers['Authorization'] = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { method: options.method ?? 'GET', headers, ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) });
  } catch {
    throw new ApiError(0, 'NETWORK', 'De server is niet bereikbaar.');
  }
  const text = await response.text();
  const body = text === '' ? undefined : (JSON.parse(text) as unknown);
  if (!response.ok) {
    const error = (body ?? {}) as { code?: string; message?: string; issues?: ApiIssue[]; requestId?: string };
    throw new ApiError(response.status, error.code ?? 'UNKNOWN', error.message ?? response.statusText, error.issues ?? [], error.requestId);
  }
  return { body: body as T, etag: response.headers.get('ETag') };
}

/** A refusal in Dutch, with the server's own code and message so the answer is never hidden. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return `Er ging iets mis: ${String(error)}`;
  const meaning: Record<string, string> = {
    UNAUTHENTICATED: 'U bent niet (meer) aangemeld.',
    FORBIDDEN: 'Uw rol mag dit niet.',
    NOT_ASSIGNED_REGISSEUR: 'Alleen de toegewezen regisseur mag dit.',
    NOT_FOUND: 'Deze zaak bestaat niet of valt buiten uw bevoegdheid.',
    STAGE_CONFLICT: 'Deze stap past niet bij de huidige fase van de zaak.',
    VALIDATION_FAILED: 'Niet alle velden zijn goed ingevuld.',
    REGISSEUR_CONFLICT: 'Dit kind heeft al een regisseur.',
    RATE_LIMITED: 'Te veel verzoeken; probeer het zo opnieuw.',
    VERSION_CONFLICT: 'Iemand anders heeft dit intussen gewijzigd. Laad de nieuwste versie en breng uw wijziging opnieuw aan.',
    AANBOD_MISFIT: 'Dit aanbod past niet bij de zaak (route, regio, wijk, sector of leeftijd).',
    NETWORK: 'De server is niet bereikbaar.',
  };
  const prefix = meaning[error.code] ?? 'De server weigerde dit.';
  return error.status === 0 ? prefix : `${prefix} (${error.status} ${error.code}: ${error.message})`;
}

// --- Response shapes the screens use (a subset of the OpenAPI document at /api/docs) ---

export interface Actor {
  sub: string;
  role: string;
  org?: string;
  region?: string;
}

export interface Me {
  actor: Actor;
  allowedActions: string[];
}

export interface ActorRef {
  sub: string;
  role: string;
  org?: string;
}

export interface ReferralListItem {
  referralId: string;
  stage: string;
  arrangementStatus: string | null;
  childRef: string;
  school: { brin: string; sector: string };
  region: string;
  thuiszitter: boolean;
  thuiszitterSince: string | null;
  route: string | null;
  providerId: string | null;
  regisseurId: string | null;
  evaluationDueAt: string | null;
  escalationLevel: number;
  overdueSince: string | null;
  nextDueAt: string | null;
  createdAt: string;
}

export interface Deadline {
  id: string;
  rule: string;
  openedAt: string;
  dueAt: string;
  level: number;
  reminded: boolean;
  pausedAt?: string;
  extensions: number;
  closedAt?: string;
}

export interface Arrangement {
  version: number;
  status: string;
  goals: string[];
  kind: string;
  intensity: { level: string; hoursPerWeek: number };
  location: { kind: string; description?: string };
  startDate: string;
  endDate: string;
  evaluationDate: string;
  submittedBy: ActorRef;
  decidedBy?: ActorRef;
  decisionNote?: string;
}

export interface ReferralState {
  referralId: string;
  stage: string;
  request: { childRef: string; school: { brin: string; sector: string }; concerns: Array<{ area: string; description: string }>; summary: string; thuiszitter: { isThuiszitter: boolean; since?: string } };
  region: string;
  submittedBy: ActorRef;
  createdAt: string;
  closedAt?: string;
  toewijzingen: Array<{
    route: string;
    providerId?: string;
    aanbodId?: string;
    regisseurId?: string;
    decidedBy: ActorRef;
    decidedAt: string;
    /** Only for a toewijzing to an aanbod of the catalogue: waiting for (wachtend) or holding (toegelaten) a place. */
    place?: { aanbodId: string; status: 'wachtend' | 'toegelaten'; admissionId?: string; since: string };
  }>;
  arrangements: Arrangement[];
  evaluationDueAt?: string;
  escalationLevel: number;
  overdueSince: string | null;
  nextDueAt: string | null;
  deadlines: Deadline[];
  version: number;
}

export interface CaseEvent {
  seq: number;
  type: string;
  at: string;
  actor: ActorRef;
  stage: string;
  data: Record<string, unknown>;
}

export interface ChildPlan {
  childRef: string;
  school: { brin: string; sector: string; since: string } | null;
  schools: Array<{ sector: string; brin?: string; from: string; until?: string }>;
  regisseur: { regisseurId: string; from: string } | null;
  referrals: Array<{ referralId: string; school: { brin: string; sector: string }; stage: string; arrangement: { kind: string; status: string; startDate: string; endDate: string } | null; createdAt: string }>;
  transitions: Array<{ transitionId: string; status: string; from: { sector: string; brin: string }; to: { sector: string; brin?: string }; startDate: string }>;
  openDeadlines: Array<{ id: string; rule: string; dueAt: string }>;
}

export type ThuiszitterBucket = 'minder_dan_4_weken' | '4_tot_8_weken' | '8_weken_tot_3_maanden' | '3_maanden_of_langer';

export interface ThuiszitterMonitor {
  measuredOn: string;
  buckets: ThuiszitterBucket[];
  regions: Array<{ region: string; counts: Record<ThuiszitterBucket | 'total', number> }>;
  total: Record<ThuiszitterBucket | 'total', number>;
}

export interface Notification {
  id: string;
  referralId: string | null;
  kind: 'reminder' | 'escalation' | 'thuiszitter' | 'overstap';
  rule: string;
  level: number;
  dueAt: string;
  occurredAt: string;
  message: string;
}

// --- Issue 11: the provider catalogue, the waiting lists and the parents' view ---

export interface Aanbod {
  id: string;
  aanbieder: { code: string; name: string };
  name: string;
  kind: string;
  route: string;
  funders: string[];
  region: string;
  wijken: string[];
  sectors: string[];
  ages: { from: number; to: number };
  capacity: number;
  placesTaken: number;
  freePlaces: number;
  intakeRoutes: string[];
  contact: { role: string; mailbox: string; phone?: string };
  description: string | null;
  version: number;
  retired: { at: string; reason: string } | null;
}

/** The answer of the overbrugging steps: where the case stands on its aanbod's wachtlijst. */
export interface WachtlijstPosition {
  referralId: string;
  aanbodId: string;
  overbrugging: string | null;
  status: 'wachtend' | 'toegelaten';
  position: number | null;
  waiting: number;
  freePlaces: number;
}

export interface WaitingDays {
  median: number | null;
  p90: number | null;
  longest: number | null;
}

export interface WachtlijstMonitor {
  measuredAt: string;
  groups: Array<{ region: string; kind: string; waiting: number; waitingWithoutOverbrugging: number; bruto: WaitingDays; netto: WaitingDays; overNorm: number | null; verlopen: number }>;
}

export interface OuderStep {
  text: string;
  dueOn: string | null;
  dueText: string | null;
  overdue: boolean;
}

export interface OuderDecision {
  on: string;
  text: string;
  reason: string | null;
}

export interface OuderOverzicht {
  childRef: string;
  asOf: string;
  regisseur: { assigned: boolean; organisation: string | null };
  cases: Array<{
    referralId: string;
    school: { brin: string; sector: string };
    startedOn: string;
    stage: string;
    stageText: string;
    open: boolean;
    nextStep: OuderStep | null;
    regisseur: { assigned: boolean; organisation: string | null };
    provider: string | null;
    decisions: OuderDecision[];
  }>;
  transitions: Array<{ transitionId: string; text: string; status: string; statusText: string; startDate: string; nextStep: OuderStep | null; decisions: OuderDecision[] }>;
}

export interface InzageDossier {
  childRef: string;
  compiledAt: string;
  request: { id: string; receivedAt: string; dueOn: string; answeredAt: string };
  personalDetails: unknown;
  cases: unknown[];
  notifications: unknown[];
  leftOut: Array<{ part: string; reason: 'medisch' | 'derden'; explanation: string }>;
}
