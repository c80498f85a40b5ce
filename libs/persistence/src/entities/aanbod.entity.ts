import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ActorRef } from '@schakel/domain';

/**
 * One aanbod of the provider catalogue (issue 11 §1): what a loket assigns a child to, offered by an aanbieder
 * (an organisation, named on the row itself: an aanbieder offering in two regions has one row per aanbod, each
 * kept by that region's loket). No personal data: the contact is a function and its mailbox. Written only by the
 * API (AanbodStore), each change with its audit entry in the same transaction; never deleted — a retired aanbod
 * stays, because toewijzingen and waiting lists will point at it.
 */
@Entity({ name: 'aanbod' })
@Check('ck_aanbod_capacity', '"capacity" >= 0')
@Check('ck_aanbod_places_taken', '"places_taken" >= 0')
@Check('ck_aanbod_ages', '"age_from" <= "age_to"')
@Check('ck_aanbod_version', '"version" > 0')
@Check('ck_aanbod_retired', '("retired_at" IS NULL) = ("retired_by" IS NULL) AND ("retired_at" IS NULL) = ("retire_reason" IS NULL)')
@Index('ix_aanbod_list', ['name', 'id'], { where: 'retired_at IS NULL' })
@Index('ix_aanbod_region_kind', ['region', 'kind'])
@Index('ix_aanbod_aanbieder', ['aanbiederCode'])
export class AanbodEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_aanbod' })
  id!: string;

  /** The aanbieder's organisation code, as its staff's tokens carry it (org). */
  @Column({ name: 'aanbieder_code', type: 'varchar', length: 40 })
  aanbiederCode!: string;

  @Column({ name: 'aanbieder_name', type: 'varchar', length: 160 })
  aanbiederName!: string;

  @Column({ type: 'varchar', length: 160 })
  name!: string;

  /** AANBOD_KINDS */
  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  /** TOEWIJZING_ROUTES */
  @Column({ type: 'varchar', length: 16 })
  route!: string;

  @Column({ type: 'text', array: true })
  funders!: string[];

  /** The samenwerkingsverband whose loket assigns to it. */
  @Column({ type: 'varchar', length: 40 })
  region!: string;

  /** Empty: the whole region. */
  @Column({ type: 'text', array: true })
  wijken!: string[];

  @Column({ type: 'text', array: true })
  sectors!: string[];

  @Column({ name: 'age_from', type: 'smallint' })
  ageFrom!: number;

  @Column({ name: 'age_to', type: 'smallint' })
  ageTo!: number;

  @Column({ type: 'integer' })
  capacity!: number;

  /** Places taken, maintained by the waiting lists (issue 11 §3); free places are capacity minus these. */
  @Column({ name: 'places_taken', type: 'integer', default: 0 })
  placesTaken!: number;

  @Column({ name: 'intake_routes', type: 'text', array: true })
  intakeRoutes!: string[];

  @Column({ name: 'contact_role', type: 'varchar', length: 32 })
  contactRole!: string;

  @Column({ name: 'contact_mailbox', type: 'varchar', length: 254 })
  contactMailbox!: string;

  @Column({ name: 'contact_phone', type: 'varchar', length: 20, nullable: true })
  contactPhone!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description!: string | null;

  /** Bumped by every change: the ETag a client sends back as If-Match. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'jsonb' })
  createdBy!: ActorRef;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'jsonb' })
  updatedBy!: ActorRef;

  /** Set once: a retired aanbod is left out of lists and toewijzingen, but stays readable. */
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  @Column({ name: 'retired_by', type: 'jsonb', nullable: true })
  retiredBy!: ActorRef | null;

  @Column({ name: 'retire_reason', type: 'varchar', length: 1000, nullable: true })
  retireReason!: string | null;
}
