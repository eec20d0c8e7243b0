import { randomBytes } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';

/** argon2id cost: OWASP's minimum (19 MiB, 2 passes, 1 lane). Tests may lower it; production never does. */
export interface PasswordCost {
  memoryKiB: number;
  iterations: number;
}
export const DEFAULT_PASSWORD_COST: PasswordCost = { memoryKiB: 19456, iterations: 2 };

export async function hashPassword(password: string, cost: PasswordCost = DEFAULT_PASSWORD_COST): Promise<string> {
  return argon2id({
    password,
    salt: randomBytes(16),
    parallelism: 1,
    iterations: cost.iterations,
    memorySize: cost.memoryKiB,
    hashLength: 32,
    outputType: 'encoded',
  });
}

export const verifyPassword = (password: string, encoded: string): Promise<boolean> =>
  argon2Verify({ password, hash: encoded });
