/** Select options for a list of codes and their Chinese labels (roles, clearances, org kinds). */
export function optionsOf<K extends string>(
  keys: readonly K[],
  labels: Record<K, string>,
): { value: K; label: string }[] {
  return keys.map((value) => ({ value, label: labels[value] }));
}
