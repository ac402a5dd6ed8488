import { describe, expect, it } from 'vitest'
import { rowNamer } from '../../src/core/exchange/rowLabel'
import { makeCtx } from '../helpers/db'
import { policyOf, TABLE_POLICIES } from '../../src/core/policy'
import { TABLES } from '../../src/renderer/areas/pertukaran/tableNames'

describe('exchange screens name tables as the policy does', () => {
  it('every travelling table has the same person-facing label on the screens as in its policy', () => {
    expect(Object.fromEntries(TABLE_POLICIES.map((p) => [p.table, p.label]))).toEqual(TABLES)
  })
})

describe('rows named in an import report', () => {
  it('a monthly report approval or acceptance names its kecamatan, not its wilayah code', () => {
    const ctx = makeCtx({ office: '12.18' })
    const names = rowNamer(ctx.sqlite)
    const approval = { scope: '12.18.04', month: '2026-03' }
    const acceptance = { scope: '12.18', kecamatan_code: '12.18.04', month: '2026-03' }
    expect(names.label(approval, policyOf('report_approval')!.rowLabel(approval))).toBe('Sei Rampah Maret 2026')
    expect(names.label(acceptance, policyOf('report_acceptance')!.rowLabel(acceptance))).toBe('Sei Rampah Maret 2026')
    // A label that only looks like a code stays as it is.
    expect(names.label({}, '12.18.99 Maret 2026')).toBe('12.18.99 Maret 2026')
    ctx.close()
  })
})
