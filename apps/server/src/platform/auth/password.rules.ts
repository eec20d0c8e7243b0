/**
 * Password strength (ZS-25 identity authentication): at least 8 characters and three of the four classes
 * upper case, lower case, digit, symbol — the usual rule of China's graded protection (等保) baseline.
 */
export function isStrongPassword(pw: string): boolean {
  if (pw.length < 8) return false;
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(pw)).length;
  return classes >= 3;
}
