import { describe, expect, it } from 'vitest'
import { insertRow } from '../../src/core/db/rows'
import { createPeriod, lockPeriod } from '../../src/core/evaluation/periods'
import { ensureProgrammeDefaults } from '../../src/core/programme/defaults'
import { emptyMonth } from '../../src/shared/evaluation/fields'
import { callOp } from '../helpers/db'
import { makeOffices, receive, send } from '../helpers/exchange'

/** Areas built apart must still travel together: master data, monthly reports, locks. */
describe('exchange across areas', () => {
  const month = (posyanduId: string, m: string, d: number) => ({ posyanduId, month: m, values: { ...emptyMonth(), held: true, kader_on_duty: 5, s: 100, k: 90, d, n: d - 10, t: 5, o: 3, b: 2 } })
  const report = (ctx: { sqlite: import('better-sqlite3').Database }, id: string) =>
    ctx.sqlite.prepare(`SELECT d, rev FROM monthly_report WHERE posyandu_id = ? AND month = '2026-01'`).get(id) as { d: number; rev: number } | undefined

  it('a kecamatan that holds kabupaten defaults still sends only its own rows; a locked year refuses late edits row by row', async () => {
    const { kab, kec: [kec], outDir } = makeOffices(['12.18.04'])
    ensureProgrammeDefaults(kec)
    ensureProgrammeDefaults(kab)
    const melati = insertRow(kec, 'posyandu', { name: 'Melati', desa_code: '12.18.04.2001' }).id
    await callOp(kec, 'evaluation.monthlySave', { items: [month(melati, '2026-01', 60)] })

    const first = await receive(kab, send(kec, kab, outDir))
    expect(first.refusal).toBeNull()
    expect(first.totals.refused).toBe(0)
    expect(report(kab, melati)).toMatchObject({ d: 60 })

    // The kabupaten approves 2026; the kecamatan has not heard yet and edits January.
    const period = createPeriod(kab, { name: 'Monev 2026', year: 2026, indicatorSetCode: 'strata-2011', areaCode: '12.18' })
    lockPeriod(kab, period.id, 'abc123')
    await callOp(kec, 'evaluation.monthlySave', { items: [month(melati, '2026-01', 70)] })
    const kenanga = insertRow(kec, 'posyandu', { name: 'Kenanga', desa_code: '12.18.04.2002' }).id

    const second = await receive(kab, send(kec, kab, outDir))
    // The locked report is left out and reported back; the rest of the bundle applies.
    expect(second.totals.rejected).toBe(1)
    expect(second.items.find((i) => i.table === 'monthly_report')?.note).toMatch(/aturan data/)
    expect(report(kab, melati)).toMatchObject({ d: 60 })
    expect(kab.sqlite.prepare('SELECT name FROM posyandu WHERE id = ?').get(kenanga)).toEqual({ name: 'Kenanga' })

    // The lock travels down with the next bundle.
    await receive(kec, send(kab, kec, outDir))
    expect(kec.sqlite.prepare('SELECT status FROM evaluation_period WHERE id = ?').get(period.id)).toEqual({ status: 'locked' })
  })
})
