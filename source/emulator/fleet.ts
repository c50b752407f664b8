import { createHash } from 'node:crypto';

export interface EmulatedInstance {
  id: string;
  name: string;
  status: string;
  /** Stable per-instance randomness for the simulated load. */
  seed: number;
}

export const emulatorProjectId = '0611f1bd8b00d5d32f17c017f15b599f';

// A few Chinese names so every screen is exercised with two-cell characters.
const roles = [
  'orders',
  'billing',
  'users',
  'inventory',
  '订单库',
  'ledger',
  'search',
  '支付中心',
  'audit',
  'catalog',
];

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Real ids are 32 hex digits and `in14`; the emulator's look the same and stay stable for a seed. */
export function createFleet(count: number, seed = 1): EmulatedInstance[] {
  return Array.from({ length: count }, (_, index) => {
    const hash = digest(`${seed}:${index}`);
    const role = roles[index % roles.length] ?? 'db';
    return {
      id: `${hash.slice(0, 32)}in14`,
      name: `${role}-${String(index + 1).padStart(2, '0')}`,
      status: 'ACTIVE',
      seed: Number.parseInt(hash.slice(32, 40), 16),
    };
  });
}
