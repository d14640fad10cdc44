/** Adds `value` to the list kept under `key`, in place: building a map of lists in one pass, without copying a list per value. */
export function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
