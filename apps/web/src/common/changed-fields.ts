/** The fields of `next` that differ from `original` (deep-compared as JSON): the body of a PATCH. */
export function changedFields<T extends object>(original: T, next: T): Partial<T> {
  const patch: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(original[key])) patch[key] = next[key];
  }
  return patch;
}
