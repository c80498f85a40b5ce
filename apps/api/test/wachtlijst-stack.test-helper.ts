import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { Actor, WachtlijstState } from '@schakel/domain';
import { aanbodBody, LOKET } from '@schakel/domain/testing';
import { wachtlijstStateQuery, wachtlijstWorkflowId } from '@schakel/workflows/contracts';
import type { AanbodResponseDto } from '../src/providers/dto/aanbod.response';
import { ApiTestStack } from './api-e2e.test-helper';

type AanbodOverrides = Parameters<typeof aanbodBody>[0];

/**
 * An ApiTestStack for the wachtlijst end-to-end tests (issue 11 §2-4), with a Temporal client reading through the
 * stack's payload codec. A wachtlijst never ends by itself, and its workflow id (`wachtlijst-<aanbodId>`) lives on
 * the shared dev server after the stack's worker stopped, so every list this stack may have started ends with it.
 */
export class WachtlijstTestStack {
  /** The aanbod ids whose lists end with the stack. */
  readonly lists: string[] = [];

  private constructor(
    readonly stack: ApiTestStack,
    readonly temporal: Client,
  ) {}

  static async start(options?: Parameters<typeof ApiTestStack.start>[0]): Promise<WachtlijstTestStack> {
    const stack = await ApiTestStack.start(options);
    const connection = await Connection.connect({ address: stack.config.temporal.address });
    return new WachtlijstTestStack(stack, new Client({ connection, namespace: stack.config.temporal.namespace, dataConverter: stack.dataConverter }));
  }

  async stop(): Promise<void> {
    for (const aanbodId of this.lists) await this.temporal.workflow.getHandle(wachtlijstWorkflowId(aanbodId)).terminate('e2e done').catch(() => undefined);
    await this.temporal.connection.close();
    await this.stack.stop();
  }

  /** An aanbod in the catalogue (the fixture's SO school unless overridden); a list started for it ends with the stack. */
  async aanbod(overrides: AanbodOverrides = {}, actor: Actor = LOKET): Promise<string> {
    const created = await this.stack.as(actor).post<AanbodResponseDto>('/api/providers', aanbodBody(overrides));
    if (created.status !== 201) throw new Error(`creating the aanbod answered ${created.status}: ${JSON.stringify(created.body)}`);
    this.lists.push(created.body.id);
    return created.body.id;
  }

  /** An onderwijszorgarrangement that fits the fixtures' case (gecombineerd, swv-2801, PO). */
  ozaAanbod(capacity: number, extra: AanbodOverrides = {}, actor: Actor = LOKET): Promise<string> {
    return this.aanbod(
      {
      aanbieder: { code: 'oza-debrug', name: 'Stichting De Brug' },
      name: `OZA De Brug ${randomBytes(3).toString('hex')}`,
      kind: 'onderwijszorgarrangement',
      route: 'gecombineerd',
      funders: ['swv', 'gemeente'],
      sectors: ['PO', 'SBO'],
      ages: { from: 4, to: 13 },
      capacity,
      intakeRoutes: ['swv_commissie'],
        ...extra,
      },
      actor,
    );
  }

  /** The list's state through its public Query. */
  listOf(aanbodId: string): Promise<WachtlijstState> {
    return this.temporal.workflow.getHandle(wachtlijstWorkflowId(aanbodId)).query(wachtlijstStateQuery);
  }

  /** `aanbod.places_taken` as the worker last wrote it; -1 without the row. */
  async placesTaken(aanbodId: string): Promise<number> {
    const rows = (await this.stack.readModel.query(`SELECT places_taken FROM aanbod WHERE id = $1`, [aanbodId])) as Array<{ places_taken: number }>;
    return rows[0]?.places_taken ?? -1;
  }
}
