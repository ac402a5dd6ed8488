/**
 * Amounts in Indonesian words (terbilang) for honor lists and receipts:
 * 1250000 → "satu juta dua ratus lima puluh ribu". Pure; used by core and renderer.
 * Handles 0 up to 999 triliun; "se-" forms for 1 in seribu, seratus, sepuluh, sebelas.
 */
const DIGITS = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh', 'sebelas']

const GROUPS: [number, string][] = [
  [1e12, 'triliun'],
  [1e9, 'miliar'],
  [1e6, 'juta'],
  [1e3, 'ribu'],
]

export const TERBILANG_MAX = 1e15 - 1

function belowThousand(n: number): string {
  if (n < 12) return DIGITS[n]
  if (n < 20) return `${DIGITS[n - 10]} belas`
  if (n < 100) return join(`${DIGITS[Math.floor(n / 10)]} puluh`, belowThousand(n % 10))
  const hundreds = Math.floor(n / 100)
  return join(hundreds === 1 ? 'seratus' : `${DIGITS[hundreds]} ratus`, belowThousand(n % 100))
}

const join = (a: string, b: string) => (b ? `${a} ${b}` : a)

/** Whole numbers in words; "nol" for zero, "minus …" below zero. */
export function terbilang(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError('Terbilang hanya untuk bilangan bulat')
  if (n < 0) return `minus ${terbilang(-n)}`
  if (n === 0) return 'nol'
  if (n > TERBILANG_MAX) throw new RangeError('Terbilang hanya sampai 999 triliun')
  let rest = n
  const words: string[] = []
  for (const [size, name] of GROUPS) {
    const count = Math.floor(rest / size)
    rest %= size
    if (count === 0) continue
    words.push(count === 1 && size === 1e3 ? 'seribu' : `${belowThousand(count)} ${name}`)
  }
  if (rest) words.push(belowThousand(rest))
  return words.join(' ')
}

/** "satu juta dua ratus lima puluh ribu rupiah". */
export const terbilangRupiah = (n: number) => `${terbilang(n)} rupiah`

/** For print: first letter capitalised, as written under a total ("Satu juta … rupiah"). */
export const terbilangKalimat = (n: number) => {
  const s = terbilangRupiah(n)
  return s.charAt(0).toUpperCase() + s.slice(1)
}
