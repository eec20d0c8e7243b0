import { DEFAULT_PASSWORD_COST, type PasswordCost } from '../../platform/crypto/password.js';

/** Authentication policy (ZS-25). Defaults follow the 等保 baseline; tests may shorten the times. */
export interface SecurityPolicy {
  /** consecutive failures before the account locks */
  maxFailedLogins: number;
  lockMinutes: number;
  /** a session ends after this long without a request */
  sessionIdleMinutes: number;
  /** and after this long in any case */
  sessionAbsoluteHours: number;
  passwordCost: PasswordCost;
}

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  maxFailedLogins: 5,
  lockMinutes: 15,
  sessionIdleMinutes: 120,
  sessionAbsoluteHours: 12,
  passwordCost: DEFAULT_PASSWORD_COST,
};
