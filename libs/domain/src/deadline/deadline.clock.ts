import { DomainError } from '../errors/domain-error';
import { dutchDateOf, endOfDutchDayOf as endOfDutchDay, startOfDutchDay } from '../time/amsterdam-time';
import { addTerm, type TermUnit } from '../calendar/term.calculator';
import { isWerkdag } from '../calendar/werkdag.calendar';
import type { DeadlineRule, DeadlineRuleId, DeadlineTerm, EscalationRecipient, HolidayRegionId } from './deadline-policy.schema';

/** One running term of a case: a step that must happen by a due date, with its reminder and ladder. */
export interface RunningDeadline<R extends string = DeadlineRuleId> {
  /** `<rule>-<n>`: the n-th time this rule opened on the case (a rejected arrangement reopens approval). */
  id: string;
  rule: R;
  openedAt: string;
  /** End of the due day; moves when the term is paused and resumed, or extended. */
  dueAt: string;
  /** Escalation levels that have fired (0: none). */
  level: number;
  reminded: boolean;
  pausedAt?: string;
  pauseReason?: string;
  extensions: number;
  closedAt?: string;
}

/** What a passing moment does: remind the assignee, or climb one level up the ladder. */
export interface DeadlineEffect<R extends string = DeadlineRuleId> {
  kind: 'reminder' | 'escalation';
  deadline: RunningDeadline<R>;
  level: number;
  recipients: readonly EscalationRecipient[];
}

const DAY = 86_400_000;

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}


/** A term that has just opened: nothing reminded, escalated or extended yet. */
function running<R extends string>(rule: R, sequence: number, openedAt: number, dueAt: number): RunningDeadline<R> {
  return { id: `${rule}-${sequence}`, rule, openedAt: new Date(openedAt).toISOString(), dueAt: new Date(dueAt).toISOString(), level: 0, reminded: false, extensions: 0 };
}

/**
 * What the clock needs of a policy: a case's ResolvedDeadlinePolicy, or another family of rules in the
 * same policy file (the wachtlijst norms, issue 11 §4), which is why the rule ids are a parameter.
 */
export interface DeadlineClockPolicy<R extends string = DeadlineRuleId> {
  version: string;
  holidayRegion: HolidayRegionId;
  rules: Record<R, DeadlineRule>;
}

/**
 * Computes due dates, reminders and escalation moments from a case's resolved policy, with the
 * calendar (werkdagen, schoolweken, Algemene termijnenwet). Pure: every change takes `now`.
 */
export class DeadlineClock<R extends string = DeadlineRuleId> {
  constructor(private readonly policy: DeadlineClockPolicy<R>) {}

  get version(): string {
    return this.policy.version;
  }

  rule(id: R): DeadlineRule {
    return this.policy.rules[id];
  }

  open(rule: R, sequence: number, openedAt: number): RunningDeadline<R> {
    const definition = this.rule(rule);
    return running(rule, sequence, openedAt, this.after(openedAt, definition.term, definition.atw));
  }

  /**
   * A term anchored to a fixed moment rather than to its opening: due `term` before `anchor` (the
   * overstap is confirmed 10 werkdagen before the start date; the MBO aanmelding by 1 April; a TLV is
   * re-assessed by its geldigTot). The due moment is the end of the `term`-th day (werkdag, week…)
   * before the anchor's day; with a term of 0, the end of the last day before the anchor moment.
   */
  openAnchored(rule: R, sequence: number, openedAt: number, anchor: number): RunningDeadline<R> {
    const { term } = this.rule(rule);
    const dueAt =
      term.unit === 'seconden' ? anchor - term.amount * 1000 : term.amount === 0 ? endOfDutchDay(dutchDateOf(anchor - 1)) : endOfDutchDay(this.back(dutchDateOf(anchor), term));
    return running(rule, sequence, openedAt, dueAt);
  }

  /** The moment of escalation level `level` (1-based): `after` the due date, as the ladder says. */
  escalationAt(deadline: RunningDeadline<R>, level: number): number {
    const step = this.rule(deadline.rule).escalation[level - 1];
    if (step === undefined) return Number.POSITIVE_INFINITY;
    return this.after(Date.parse(deadline.dueAt), step.after, false, true);
  }

  remindAt(deadline: RunningDeadline<R>): number | undefined {
    const before = this.rule(deadline.rule).reminderBefore;
    if (before === undefined) return undefined;
    const dueAt = Date.parse(deadline.dueAt);
    if (before.unit === 'seconden') return dueAt - before.amount * 1000;
    const dueDay = dutchDateOf(dueAt - 1);
    return startOfDutchDay(this.back(dueDay, before));
  }

  /** The next moment this deadline needs the workflow to wake up; undefined when paused, closed or done. */
  nextAt(deadline: RunningDeadline<R>): number | undefined {
    if (deadline.closedAt !== undefined || deadline.pausedAt !== undefined) return undefined;
    const remindAt = this.remindAt(deadline);
    const candidates = [this.escalationAt(deadline, deadline.level + 1)];
    if (!deadline.reminded && remindAt !== undefined && remindAt < Date.parse(deadline.dueAt)) candidates.push(remindAt);
    const next = Math.min(...candidates);
    return Number.isFinite(next) ? next : undefined;
  }

  /** Applies everything that is due at `now`: at most one reminder and every ladder level passed. */
  fire(deadline: RunningDeadline<R>, now: number): DeadlineEffect<R>[] {
    if (deadline.closedAt !== undefined || deadline.pausedAt !== undefined) return [];
    const effects: DeadlineEffect<R>[] = [];
    const remindAt = this.remindAt(deadline);
    if (!deadline.reminded && remindAt !== undefined && remindAt <= now) {
      deadline.reminded = true;
      // A reminder that comes after the due date helps nobody: the escalation says it all.
      if (now < Date.parse(deadline.dueAt)) effects.push({ kind: 'reminder', deadline, level: 0, recipients: [] });
    }
    const ladder = this.rule(deadline.rule).escalation;
    while (deadline.level < ladder.length && this.escalationAt(deadline, deadline.level + 1) <= now) {
      deadline.level += 1;
      effects.push({ kind: 'escalation', deadline, level: deadline.level, recipients: ladder[deadline.level - 1]?.to ?? [] });
    }
    return effects;
  }

  isOverdue(deadline: RunningDeadline<R>, now: number): boolean {
    return deadline.closedAt === undefined && deadline.pausedAt === undefined && Date.parse(deadline.dueAt) <= now;
  }

  /** Opschorten: the term stops running until it is resumed (Awb 4:15 — CALENDAR.md §5). */
  pause(deadline: RunningDeadline<R>, reason: string, now: number): void {
    if (deadline.pausedAt !== undefined) throw new DomainError('STAGE_CONFLICT', `Deadline ${deadline.id} is already paused`);
    deadline.pausedAt = new Date(now).toISOString();
    deadline.pauseReason = reason;
  }

  /** The term runs on: its due date moves by exactly the time it was paused. */
  resume(deadline: RunningDeadline<R>, now: number): number {
    if (deadline.pausedAt === undefined) throw new DomainError('STAGE_CONFLICT', `Deadline ${deadline.id} is not paused`);
    const pausedFor = Math.max(0, now - Date.parse(deadline.pausedAt));
    deadline.dueAt = new Date(Date.parse(deadline.dueAt) + pausedFor).toISOString();
    delete deadline.pausedAt;
    delete deadline.pauseReason;
    return pausedFor;
  }

  /** Verlengen within the rule: how often and how far it allows (zorgplicht: once, ≤ 4 weeks — DOMAIN.md §1.1). */
  checkExtension(deadline: RunningDeadline<R>, term: DeadlineTerm): void {
    const allowed = this.rule(deadline.rule).extension;
    if (allowed === undefined) throw new DomainError('DEADLINE_RULE', `The ${deadline.rule} term may not be extended`);
    if (deadline.extensions >= allowed.times) {
      throw new DomainError('DEADLINE_RULE', `The ${deadline.rule} term may be extended ${allowed.times === 1 ? 'only once' : `at most ${allowed.times} times`}; it already was`);
    }
    const dueAt = Date.parse(deadline.dueAt);
    if (this.after(dueAt, term, false, true) > this.after(dueAt, allowed.max, false, true)) {
      throw new DomainError('DEADLINE_RULE', `The ${deadline.rule} term may be extended by at most ${allowed.max.amount} ${allowed.max.unit}`, [
        { field: 'amount', message: `must not exceed ${allowed.max.amount} ${allowed.max.unit}` },
      ]);
    }
  }

  extend(deadline: RunningDeadline<R>, term: DeadlineTerm): void {
    this.checkExtension(deadline, term);
    deadline.dueAt = new Date(this.after(Date.parse(deadline.dueAt), term, this.rule(deadline.rule).atw, true)).toISOString();
    deadline.extensions += 1;
    // A new due date gives a new chance: the reminder may come again before it.
    deadline.reminded = false;
  }

  /**
   * The moment a term ends, counted from `from`. Calendar terms end at the end of their last day;
   * `fromDueMoment` counts on from a due moment (the end of its day) rather than from an opening.
   */
  private after(from: number, term: DeadlineTerm, atw: boolean, fromDueMoment = false): number {
    if (term.unit === 'seconden') return from + term.amount * 1000;
    const startDay = dutchDateOf(fromDueMoment ? from - 1 : from);
    if (term.amount === 0) return endOfDutchDay(startDay);
    const endDay = addTerm(startDay, { amount: term.amount, unit: term.unit as TermUnit }, { region: this.policy.holidayRegion, atw });
    return endOfDutchDay(endDay);
  }

  /** The civil date a term lies before `day` (for reminders): werkdagen skip weekends and feestdagen. */
  private back(day: string, term: DeadlineTerm): string {
    if (term.unit === 'werkdagen') {
      let date = day;
      for (let left = term.amount; left > 0; ) {
        date = shiftDate(date, -1);
        if (isWerkdag(date)) left -= 1;
      }
      return date;
    }
    const days = term.unit === 'kalenderdagen' ? term.amount : term.amount * 7;
    return shiftDate(day, -days);
  }
}
