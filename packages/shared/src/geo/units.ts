/** 1 亩 = 10000/15 m²; areas are always ellipsoidal on CGCS2000 before conversion. */
export const squareMetresToMu = (m2: number): number => (m2 * 15) / 10000;
