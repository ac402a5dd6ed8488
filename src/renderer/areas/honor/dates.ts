/** The local calendar date (YYYY-MM-DD) of an ISO timestamp, for "Sei Rampah, 24 November 2026". */
export function isoDateOf(timestamp: string): string {
  const d = new Date(timestamp)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}
