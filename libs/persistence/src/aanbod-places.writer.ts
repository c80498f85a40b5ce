import type { DataSource } from 'typeorm';

/**
 * Mirrors an aanbod's taken places from its wachtlijst into `aanbod.places_taken` (issue 11 §2), so the catalogue's
 * `withFreePlaces` filter tells the truth. The list (a Temporal workflow) is the only owner of the count; this
 * copy is written whole, never incremented, so a repeated or retried write changes nothing.
 */
export class AanbodPlacesWriter {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Reads the count with `read` while holding a per-aanbod lock and writes it: two writers that read the list at
   * different moments cannot land out of order, so the last write always carries the newest count. `read` answers
   * undefined when the aanbod has no list: nothing is written. The catalogue's version stays as it is (places are
   * not an edit of the aanbod, and an If-Match must not fail because a child got a place).
   */
  async mirror(aanbodId: string, read: () => Promise<number | undefined>): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('aanbod-places:' || $1::text))`, [aanbodId]);
      const placesTaken = await read();
      if (placesTaken === undefined) return false;
      await manager.query(`UPDATE aanbod SET places_taken = $2 WHERE id = $1::uuid AND places_taken IS DISTINCT FROM $2`, [aanbodId, placesTaken]);
      return true;
    });
  }
}
