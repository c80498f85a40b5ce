import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { ActorRef, PersonalDetails } from '@schakel/domain';

/**
 * The one place Schakel keeps who a child is (issue 5 §3): name, date of birth, the parents and how to
 * reach them, keyed by the pseudonymous child reference every workflow and read-model row uses instead.
 * Never projected, never copied into a workflow, a search attribute or a log; read and written only
 * through GET/PUT /api/children/:ref/personal-details, each access in the audit log.
 */
@Entity({ name: 'child_personal_details' })
@Check('ck_child_personal_details_version', '"version" > 0')
export class ChildPersonalDetailsEntity {
  @PrimaryColumn({ name: 'child_ref', type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_child_personal_details' })
  childRef!: string;

  @Column({ type: 'jsonb' })
  details!: PersonalDetails;

  /** Bumped by every change: a client sends it back as If-Match, so two people correcting at once do not overwrite each other. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'jsonb' })
  updatedBy!: ActorRef;
}
