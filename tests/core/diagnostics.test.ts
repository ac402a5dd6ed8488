import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { insertRow } from '../../src/core/db/rows'
import { createLogger, scrub } from '../../src/core/log'
import { callOp, makeCtx, tempDir } from '../helpers/db'

const NIK = '1218044506900002'
const ACCOUNT = '0123456789012'

describe('logs and diagnostics', () => {
  it('masks NIK and account numbers in log lines', () => {
    expect(scrub(`gagal untuk ${NIK} rekening ${ACCOUNT} tahun 2026`)).toBe('gagal untuk [NIK] rekening [ANGKA] tahun 2026')
  })

  it('rotates the log past 1 MB', () => {
    const dir = tempDir()
    const log = createLogger(dir)
    const line = 'x'.repeat(1000)
    for (let i = 0; i < 1200; i++) log.info(line)
    expect(existsSync(join(dir, 'simpul.1.log'))).toBe(true)
    expect(readFileSync(join(dir, 'simpul.log'), 'utf8').length).toBeLessThan(1024 * 1024)
  })

  it('the diagnostics zip carries logs, versions and counts but no personal data', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    insertRow(ctx, 'kader', { nik: NIK, name: 'Rahmawati Siregar', sex: 'P' })
    ctx.log.error(`impor gagal untuk NIK ${NIK}, rekening ${ACCOUNT}`)
    const zip = await callOp(ctx, 'app.diagnostics', {})
    const files = unzipSync(Buffer.from(zip.dataBase64, 'base64'))
    expect(Object.keys(files).sort()).toEqual(['info.json', 'logs/simpul.log'])
    const all = Object.values(files).map((f) => strFromU8(f)).join('\n')
    expect(all).toContain('impor gagal untuk NIK [NIK]')
    expect(all).not.toContain(NIK)
    expect(all).not.toContain(ACCOUNT)
    expect(all).not.toContain('Rahmawati')
    const info = JSON.parse(strFromU8(files['info.json']))
    expect(info.rowCounts.kader).toBe(1)
    expect(info.integrity.ok).toBe(true)
    expect(zip.fileName).toMatch(/^simpul-diagnostik-12\.18\.04-\d{8}-\d{6}\.zip$/)
  })
})
