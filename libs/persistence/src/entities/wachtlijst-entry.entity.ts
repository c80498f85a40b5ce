import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { OverbruggingPeriod } from '@schakel/domain';

/**
 * One case on one aanbod's wachtlijst, as the list's workflow last projected it (issue 11 §4; ADR 0017). The
 * monitor's figures are read from here. Pseudonymous only: the referral's id and the child reference, dates and
 * the overbrugging record; no name, BSN or case content. A case removed and enqueued again on the same list keeps
 * one row (the list's newest word on it).
 */
@Entity({ name: 'wachtlijst_entry' })
@Check('ck_wachtlijst_entry_status', `"status" IN ('waiting', 'admitted', 'removed', 'verlopen')`)
@Index('ix_wachtlijst_entry_monitor', ['region', 'aanbodKind', 'status'])
export class WachtlijstEntryEntity {
  @PrimaryColumn({ name: 'aanbod_id', type: 'varchar', length: 100, primaryKeyConstraintName: 'pk_wachtlijst_entry' })
  aanbodId!: string;

  @PrimaryColumn({ name: 'referral_id', type: 'uuid', primaryKeyConstraintName: 'pk_wachtlijst_entry' })
  referralId!: string;

  @Column({ name: 'child_ref', type: 'varchar', length: 64, nullable: true })
  childRef!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  region!: string | null;

  /** The aanbod's kind in the catalogue when the row was written (AANBOD_KINDS), `onbekend` for a list without one. */
  @Column({ name: 'aanbod_kind', type: 'varchar', length: 32 })
  aanbodKind!: string;

  /** WACHTLIJST_ENTRY_STATUSES */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'enqueued_at', type: 'timestamptz', nullable: true })
  enqueuedAt!: Date | null;

  /** From the complete aanmelding: what the waiting norm and the monitor count from. */
  @Column({ name: 'waiting_since', type: 'timestamptz' })
  waitingSince!: Date;

  /** When the running waiting norm falls due, while the case waits. */
  @Column({ name: 'norm_due_at', type: 'timestamptz', nullable: true })
  normDueAt!: Date | null;

  /** Periods of overbruggingszorg: `[{ form, from, until? }]`. */
  @Column({ type: 'jsonb' })
  overbrugging!: OverbruggingPeriod[];

  @Column({ name: 'admitted_at', type: 'timestamptz', nullable: true })
  admittedAt!: Date | null;

  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt!: Date | null;

  /** The list's state version that wrote the row: only a higher one replaces it. */
  @Column({ name: 'list_version', type: 'integer' })
  listVersion!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
