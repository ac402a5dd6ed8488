import type ExcelJS from 'exceljs'

/**
 * exceljs, loaded at the first workbook rather than at every start: with its dependencies it is
 * some 500 modules and ~0.3 s of CPU, two thirds of what a start of the command line, the host
 * or a database worker costs when no spreadsheet is read or written at all.
 */
let loading: Promise<typeof ExcelJS> | null = null
export function excel(): Promise<typeof ExcelJS> {
  return (loading ??= import('exceljs').then((m) => (m as { default?: typeof ExcelJS }).default ?? (m as unknown as typeof ExcelJS)))
}
