import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { CLI_ENV, tempDir } from '../helpers/db'

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'simpul.js'), ...args], { encoding: 'utf8', env: { ...process.env, ...CLI_ENV } })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe('simpul command line, registry', () => {
  it('check nik --json: decoded parts and exit 0; a bad NIK exits 1 with the message', () => {
    const db = join(tempDir(), 'a.sqlite')
    const good = cli('check', 'nik', '1218044508900001', '--json', '--db', db)
    expect(good.code).toBe(0)
    expect(JSON.parse(good.out)).toMatchObject({ valid: true, decoded: { birthDate: '1990-08-05', sex: 'P', kecamatanCode: '12.18.04' }, region: { kecamatan: 'Sei Rampah' } })
    const bad = cli('check', 'nik', '12180445089000AB', '--json', '--db', db)
    expect(bad.code).toBe(1)
    expect(JSON.parse(bad.out).errors[0].message).toBe('NIK hanya boleh berisi angka.')
    expect(cli('check', 'nik', '--db', db).code).toBe(2)
  })

  it('import xlsx --dry-run --json reports rows and writes nothing; without --dry-run a file with errors is refused', async () => {
    const dir = tempDir()
    const db = join(dir, 'a.sqlite')
    expect(cli('init', '--office', '12.18.04', '--name', 'Kantor Camat Sei Rampah', '--admin', 'admin', '--db', db).code).toBe(0)
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Posyandu')
    ws.addRow(['Nama Posyandu', 'Desa/Kelurahan'])
    ws.addRow(['Posyandu Anggrek', 'Sei Rampah'])
    ws.addRow(['', 'Sei Rampah'])
    const file = join(dir, 'p.xlsx')
    await wb.xlsx.writeFile(file)
    const dry = cli('import', 'xlsx', '--kind', 'posyandu', file, '--dry-run', '--json', '--db', db)
    expect(dry.code).toBe(1)
    expect(JSON.parse(dry.out).counts).toEqual({ new: 1, changed: 0, unchanged: 0, error: 1 })
    const real = cli('import', 'xlsx', '--kind', 'posyandu', file, '--json', '--db', db)
    expect(real.code).toBe(1)
    expect(JSON.parse(real.out).error.code).toBe('IMPORT_HAS_ERRORS')
    const valid = cli('import', 'xlsx', '--kind', 'posyandu', file, '--valid-only', '--json', '--db', db)
    expect(valid.code).toBe(0)
    expect(JSON.parse(valid.out).written).toBe(1)
  })
})
