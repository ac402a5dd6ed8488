import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/db'

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'simpul.js'), ...args], { encoding: 'utf8' })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe('money on the command line is read by the shared parseRupiah', () => {
  const db = join(tempDir(), 'a.sqlite')

  it('terbilang reads 1.250.000, 1250000 and Rp 1.250.000 as one amount', () => {
    for (const typed of ['1.250.000', '1250000', 'Rp 1.250.000', 'Rp1.250.000,-']) {
      const r = cli('terbilang', typed, '--json', '--db', db)
      expect(r.code, typed).toBe(0)
      expect(JSON.parse(r.out)).toMatchObject({ number: 1_250_000, rupiah: 'satu juta dua ratus lima puluh ribu rupiah' })
    }
  })

  it('terbilang refuses a decimal with exit 1 and says why, instead of reading 1500.5 as 15005', () => {
    const r = cli('terbilang', '1500.5', '--json', '--db', db)
    expect(r.code).toBe(1)
    expect(JSON.parse(r.out).error).toMatchObject({ code: 'INVALID_AMOUNT' })
    expect(r.err).toMatch(/"1500\.5" berisi pecahan rupiah; uang ditulis dalam rupiah bulat/)
    expect(cli('terbilang', '1.250.000,50', '--db', db).err).toMatch(/berisi pecahan rupiah/)
    // Text that is no number at all is a usage mistake (exit 2), as before.
    expect(cli('terbilang', 'sejuta', '--db', db)).toMatchObject({ code: 2, err: expect.stringMatching(/"sejuta" bukan jumlah rupiah/) })
    expect(cli('terbilang', '1.25.000', '--db', db).code).toBe(2)
    expect(cli('terbilang', '--db', db).code).toBe(2)
  })

  it('tax pph21 --gross reads grouped amounts and refuses 1000000.5 (once read as 10.000.005)', () => {
    const grouped = cli('tax', 'pph21', '--gross', '1.250.000', '--no-npwp', '--date', '2026-11-24', '--json', '--db', db)
    const plain = cli('tax', 'pph21', '--gross', '1250000', '--no-npwp', '--date', '2026-11-24', '--json', '--db', db)
    expect(grouped.code).toBe(0)
    expect(JSON.parse(grouped.out)).toEqual(JSON.parse(plain.out))
    expect(JSON.parse(grouped.out).gross).toBe(1_250_000)
    const dec = cli('tax', 'pph21', '--gross', '1000000.5', '--json', '--db', db)
    expect(dec.code).toBe(1)
    expect(JSON.parse(dec.out).error.message).toBe('--gross "1000000.5" berisi pecahan rupiah; uang ditulis dalam rupiah bulat, misalnya 1.250.000 atau 1250000.')
    expect(cli('tax', 'pph21', '--db', db).code).toBe(2)
  })
})
