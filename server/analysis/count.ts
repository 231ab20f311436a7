/**
 * `1234567` → `1,234,567`. Written out because the first `toLocaleString` call loads ICU data,
 * which costs about 10 ms of every CLI run.
 */
export function formatCount(n: number): string {
  const sign = n < 0 ? '-' : '';
  const [whole, fraction] = String(Math.abs(n)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (fraction ? `.${fraction}` : '');
}
