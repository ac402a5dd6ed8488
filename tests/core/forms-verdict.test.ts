import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formIssues, readValue } from '../../src/renderer/areas/evaluasi/EntryGrid'
import { builtinForm } from '../../src/shared/forms/builtin'
import { compileForm, type FormValues } from '../../src/shared/forms/form'
import { AppError } from '../../src/shared/result'
import { callOp, makeCtx } from '../helpers/db'
import { addPosyandu } from '../helpers/exchange'

/**
 * The grid's own check (the function EntryGrid calls on every keystroke, on what the
 * operator typed) and core's save agree on random ILP reports: the save is refused exactly
 * when the grid shows an error, and then nothing is written.
 */
describe('grid and core give the same verdict', () => {
  it('on 300 random ILP reports typed as text, with and without the month before', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const p = addPosyandu(ctx, 'Anggrek').id
    const form = builtinForm('ILP')!
    const cf = compileForm(form)
    const typed = fc.dictionary(fc.constantFrom(...form.fields.map((f) => f.key)), fc.oneof(fc.integer({ min: 0, max: 60 }).map(String), fc.constantFrom('', 'ya', 'tidak', '-3', '2,5', 'x', '6000')), { maxKeys: 12 })
    let n = 0
    await fc.assert(
      fc.asyncProperty(typed, fc.boolean(), async (cells, withPrev) => {
        const period = `2030-${String((n++ % 11) + 2).padStart(2, '0')}`
        const values: FormValues = { held: true }
        for (const [k, text] of Object.entries(cells)) values[k] = readValue(form.fields.find((f) => f.key === k)!, text, period)
        const prev = withPrev ? { held: true, balita_datang: 10 } : null
        if (prev) await callOp(ctx, 'forms.saveReports', { code: 'ILP', items: [{ posyanduId: p, period: `2030-${String(Number(period.slice(5)) - 1).padStart(2, '0')}`, values: prev }] })
        else await callOp(ctx, 'forms.saveReports', { code: 'ILP', items: [{ posyanduId: p, period: `2030-${String(Number(period.slice(5)) - 1).padStart(2, '0')}`, values: {} }] })
        const gridErrors = formIssues(cf, { values, previous: prev, period }).filter((i) => i.severity === 'error')
        let refused: AppError | null = null
        try {
          await callOp(ctx, 'forms.saveReports', { code: 'ILP', items: [{ posyanduId: p, period, values }] })
        } catch (e) {
          if (!(e instanceof AppError)) throw e
          refused = e
        }
        expect(refused !== null, `${JSON.stringify(values)} grid: ${gridErrors.map((i) => i.message.id).join('; ')} core: ${refused?.message}`).toBe(gridErrors.length > 0)
        for (const i of gridErrors) expect(refused!.message).toContain(i.message.id)
        // Clean up for the next run (an empty report removes it).
        if (!refused) await callOp(ctx, 'forms.saveReports', { code: 'ILP', items: [{ posyanduId: p, period, values: {} }] })
      }),
      { numRuns: 300 },
    )
  })
})
