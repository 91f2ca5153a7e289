// Byte counts for people: binary units, one decimal, a no-break space so number and unit stay on one line.
const UNITS = ['KB', 'MB', 'GB', 'TB'];

export function formatBytes(n: number): string {
  if (n < 1024) return `${n}\u00a0B`;
  let v = n / 1024;
  let unit = 0;
  while (v >= 1024 && unit < UNITS.length - 1) {
    v /= 1024;
    unit++;
  }
  return `${v.toFixed(1)}\u00a0${UNITS[unit]}`;
}
