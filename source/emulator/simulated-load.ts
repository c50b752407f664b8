import type { SessionOverview } from '../cloud/session-overview.js';

/** A cheap, stable pseudo-random number in [0, 1) from integers. */
export function noise(...values: number[]): number {
  let hash = 2166136261;
  for (const value of values) {
    hash ^= value | 0;
    hash = Math.imul(hash, 16777619);
    hash ^= hash >>> 13;
    hash = Math.imul(hash, 0x5bd1e995);
    hash ^= hash >>> 15;
  }
  return (hash >>> 0) / 4294967296;
}

export type LoadPhase = 'quiet' | 'normal' | 'lock-storm' | 'slow-sql-spike';

export const phaseSeconds = 30;

/**
 * Each instance drifts through phases of half a minute: mostly normal, sometimes quiet, and about
 * one in five in trouble, so a dozen instances always have something to show.
 */
export function phaseAt(seed: number, timeMs: number): LoadPhase {
  const draw = noise(seed, Math.floor(timeMs / 1000 / phaseSeconds));
  if (draw < 0.15) return 'quiet';
  if (draw < 0.8) return 'normal';
  if (draw < 0.9) return 'lock-storm';
  return 'slow-sql-spike';
}

/** The four counts an instance reports at a moment: evolving, plausible, and active <= total. */
export function simulatedLoad(seed: number, timeMs: number): SessionOverview {
  const second = Math.floor(timeMs / 1000);
  const size = 20 + Math.floor(noise(seed) * 300);
  const wobble = noise(seed, second) - 0.5;
  const phase = phaseAt(seed, timeMs);
  const total = Math.max(1, Math.round(size * (phase === 'quiet' ? 0.3 : 1) * (1 + wobble * 0.2)));
  const activeShare = phase === 'quiet' ? 0.02 : phase === 'normal' ? 0.1 : 0.45;
  const active = Math.min(total, Math.round(total * activeShare * (1 + wobble)));
  const slowSql =
    phase === 'slow-sql-spike'
      ? Math.round(active * 0.6)
      : phase === 'normal' && noise(seed, second, 7) < 0.05
        ? 1
        : 0;
  const lock =
    phase === 'lock-storm'
      ? Math.round(active * 0.7)
      : phase === 'normal' && noise(seed, second, 9) < 0.03
        ? 1
        : 0;
  return { total, active, slowSql: Math.min(slowSql, active), lock: Math.min(lock, active) };
}

/**
 * A fleet that stays still except for a fixed share of instances per period (benchmarks of terminal
 * bytes): in each period exactly one instance in `1 / share` changes its active count.
 */
export function churningLoad(
  index: number,
  seed: number,
  timeMs: number,
  share: number,
  periodMs: number,
): SessionOverview {
  const total = 20 + (seed % 300);
  // A share of 0 never picks anyone: the fleet stands still.
  const stride = share > 0 ? Math.max(1, Math.round(1 / share)) : Number.POSITIVE_INFINITY;
  const period = Math.floor(timeMs / periodMs);
  // Which period last picked this instance; its count moves each time it is picked.
  const lastPick = Number.isFinite(stride) ? period - ((((period - index) % stride) + stride) % stride) : 0;
  const active = Math.min(total, 5 + (((lastPick % 7) + 7) % 7));
  return { total, active, slowSql: 0, lock: 0 };
}
