import { DOWNLOAD_QUOTA_BOUNDS } from '@geoshare/shared';
import { describe, expect, test } from 'vitest';
import { limitsOf, QUOTA_INPUT_BOUNDS, valuesOf } from './quota-units';

describe('download quota form units (GB of 1024³ bytes)', () => {
  test('the seeded default reads as 20 GB and saves back to the same bytes', () => {
    const seeded = { limitCount: 50, limitBytes: 20 * 1024 ** 3 };
    expect(valuesOf(seeded)).toEqual({ limitCount: 50, limitGb: 20 });
    expect(limitsOf(valuesOf(seeded))).toEqual(seeded);
    expect(limitsOf({ limitCount: 3, limitGb: 1.5 })).toEqual({ limitCount: 3, limitBytes: 1.5 * 1024 ** 3 });
  });

  test("the form's bounds give bytes within the server's bounds", () => {
    const { min, max } = DOWNLOAD_QUOTA_BOUNDS.bytes;
    expect(limitsOf({ limitCount: 1, limitGb: QUOTA_INPUT_BOUNDS.gb.min }).limitBytes).toBeGreaterThanOrEqual(min);
    expect(limitsOf({ limitCount: 1, limitGb: QUOTA_INPUT_BOUNDS.gb.max }).limitBytes).toBe(max);
  });
});
