import ExcelJS from 'exceljs'
import type { Ctx } from '../../src/core/context'
import { saveKader } from '../../src/core/registry/kader'
import { savePosyandu } from '../../src/core/registry/posyandu'
import { kaderInput, posyanduInput, type KaderInput } from '../../src/shared/contract/registry'

/** Counts of every registry table plus the audit log: "unchanged" means these are equal. */
export function snapshot(ctx: Ctx) {
  const n = (t: string) => (ctx.sqlite.prepare(`SELECT count(*) AS n, coalesce(max(rev), 0) AS r FROM ${t}`).get() as { n: number; r: number })
  return {
    posyandu: n('posyandu'),
    kader: n('kader'),
    kaderPosyandu: n('kader_posyandu'),
    training: n('kader_training'),
    audit: (ctx.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n,
  }
}

/** The first desa (by code) of kecamatan `kec` in the office's wilayah reference. */
export const desaOf = (ctx: Ctx, kec: string) => (ctx.sqlite.prepare(`SELECT code FROM wilayah WHERE parent_code = ? ORDER BY code LIMIT 1`).get(kec) as { code: string }).code

export function addPosyandu(ctx: Ctx, name: string, desaCode: string) {
  return savePosyandu(ctx, undefined, posyanduInput.parse({ name, desaCode }))
}

export function addKader(ctx: Ctx, data: Partial<KaderInput> & { nik: string; name: string; posyanduId: string; sex: 'L' | 'P'; birthDate: string }, accept = true) {
  return saveKader(ctx, undefined, kaderInput.parse(data), accept)
}

/** A workbook with one sheet: a header row then the rows, as a Buffer. */
export async function workbook(rows: unknown[][], opts: { nikAsText?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Data')
  for (const r of rows) ws.addRow(r)
  if (opts.nikAsText) ws.getColumn(2).numFmt = '@'
  return Buffer.from(await wb.xlsx.writeBuffer())
}
