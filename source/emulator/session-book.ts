import type { SessionOverview } from '../overview.js';
import type { EmulatedInstance } from './fleet.js';
import { afterKills, countsOf, population, type SimSession } from './session-model.js';
import { phaseAt, phaseSeconds } from './simulated-load.js';

/**
 * Each instance's sessions, kept consistent with the overview it serves, and what was killed in the
 * current phase of its load (ids are new each phase, so older kills are forgotten).
 */
export class SessionBook {
  private readonly kills = new Map<string, { phase: number; ids: Set<string> }>();

  constructor(
    /** The instance's four counts now (the simulation, or what a test pinned). */
    private readonly load: (instance: EmulatedInstance) => SessionOverview,
    private readonly now: () => number,
  ) {}

  private phase(): number {
    return Math.floor(this.now() / 1000 / phaseSeconds);
  }

  private killedIn(instance: EmulatedInstance): ReadonlySet<string> {
    const entry = this.kills.get(instance.id);
    return entry && entry.phase === this.phase() ? entry.ids : new Set();
  }

  /** Every session of the instance now (the API lists the first 200). */
  sessions(instance: EmulatedInstance): SimSession[] {
    const phase = this.phase();
    const shape = phaseAt(instance.seed, this.now());
    return afterKills(population(instance.seed, phase, shape, this.load(instance)), this.killedIn(instance));
  }

  /** The counts once kills changed the list; undefined when nothing was killed (the load stands). */
  countsAfterKills(instance: EmulatedInstance): SessionOverview | undefined {
    return this.killedIn(instance).size === 0 ? undefined : countsOf(this.sessions(instance));
  }

  /** Kills those of `ids` that exist now; returns the ids it killed. */
  kill(instance: EmulatedInstance, ids: readonly string[]): string[] {
    const present = new Set(this.sessions(instance).map((session) => session.id));
    const killed = ids.filter((id) => present.has(id));
    const phase = this.phase();
    const entry = this.kills.get(instance.id);
    const book = entry && entry.phase === phase ? entry : { phase, ids: new Set<string>() };
    for (const id of killed) book.ids.add(id);
    this.kills.set(instance.id, book);
    return killed;
  }
}
