import { describe, expect, it } from 'vitest'
import { nipDigits, nipProblem } from '../../src/shared/nip'

describe('NIP check shared by the NIP input and core', () => {
  it('accepts an 18-digit NIP with or without spaces', () => {
    expect(nipProblem('198508172010011003')).toBeNull()
    expect(nipProblem('19850817 201001 1 003')).toBeNull()
    expect(nipDigits('19850817 201001 1 003')).toBe('198508172010011003')
    expect(nipProblem('')).toBeNull()
  })
  it('refuses what cannot be a NIP, with the reason', () => {
    expect(nipProblem('19850817')?.code).toBe('length')
    expect(nipProblem('19850817')?.message).toBe('NIP terdiri dari 18 angka (tertulis 8)')
    expect(nipProblem('1985O8172010011003')?.code).toBe('digits')
    expect(nipProblem('198513172010011003')?.code).toBe('birth')
    expect(nipProblem('198502302010011003')?.code).toBe('birth')
    expect(nipProblem('198508172010131003')?.code).toBe('tmt')
    expect(nipProblem('198508172010013003')?.code).toBe('sex')
  })
})

describe('core refuses a wrong NIP on every write path, with the reason', () => {
  // Lazy imports keep the pure checks above free of the database.
  const setup = async () => {
    const { dispatch, makeCtx } = await import('../helpers/db')
    const ctx = makeCtx({ office: '12.18' })
    return { ctx, dispatch }
  }
  const person = (nip: string) => ({ nik: '1218044501900001', name: 'Siti Aminah', sex: 'P' as const, isPns: true, golongan: 'III' as const, nip, bankName: 'Bank Sumut', accountNumber: '1012345678', accountHolder: 'Siti Aminah' })
  const count = (ctx: { sqlite: import('better-sqlite3').Database }) => (ctx.sqlite.prepare('SELECT count(*) AS n FROM pendamping_person').get() as { n: number }).n

  it('a screen (honor.personSave): an impossible birth date, TMT month or sex digit is refused; a real NIP is saved without spaces', async () => {
    const { ctx, dispatch } = await setup()
    for (const [nip, reason] of [['198513172010011003', /tanggal lahir/], ['198508172010131003', /bulan pengangkatan/], ['198508172010013003', /jenis kelamin/], ['1985081720100110', /18 angka \(tertulis 16\)/]] as const) {
      const res = await dispatch(ctx, 'honor.personSave', person(nip))
      expect(res.ok, nip).toBe(false)
      if (!res.ok) expect(res.error.message).toMatch(reason)
    }
    expect(count(ctx)).toBe(0)
    const ok = await dispatch(ctx, 'honor.personSave', person('19850817 201001 1 003'))
    expect(ok.ok).toBe(true)
    expect((ctx.sqlite.prepare('SELECT nip FROM pendamping_person').get() as { nip: string }).nip).toBe('198508172010011003')
    ctx.close()
  })

  it('the write path itself (CLI, spreadsheet and bundle rows go through it): the row schema refuses the NIP', async () => {
    const { ctx } = await setup()
    const { insertRow } = await import('../../src/core/db/rows')
    const { policyOf } = await import('../../src/core/policy')
    const row = { nik: '1218044501900001', name: 'Siti Aminah', sex: 'P', is_pns: 1, golongan: 'III', nip: '198502302010011003', nik_as_npwp: 0, tax_rule: 'pns_final' }
    expect(() => insertRow(ctx, 'pendamping_person', row)).toThrow(/tanggal lahir/)
    expect(count(ctx)).toBe(0)
    // The same schema decides a bundle row (the check stage reads the policy's row schema).
    const nip = policyOf('pendamping_person')!.columns!.nip
    expect(nip.safeParse('198508172010011003').success).toBe(true)
    expect(nip.safeParse('198508172010013003').error?.issues[0].message).toMatch(/jenis kelamin/)
    expect(nip.safeParse('19850817 201001 1 003').success).toBe(false)
    ctx.close()
  })

  it('a signatory NIP in the letterhead settings', async () => {
    const { ctx, dispatch } = await setup()
    const bad = await dispatch(ctx, 'settings.set', { key: 'sign.pptk_nip', value: '19850817 201001 3 003' })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error).toMatchObject({ code: 'NIP_INVALID', message: expect.stringMatching(/jenis kelamin.*Tidak disimpan/) })
    const good = await dispatch(ctx, 'settings.set', { key: 'sign.pptk_nip', value: '19850817 201001 1 003' })
    expect(good.ok).toBe(true)
    ctx.close()
  })
})
