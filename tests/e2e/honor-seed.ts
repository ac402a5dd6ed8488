// Seeds what the honor e2e needs but other areas own: posyandu (registry), the Kepbup
// (regulation register), and optionally many extra pendamping so the printout spans pages.
// Usage: tsx tests/e2e/honor-seed.ts <db file> [--people | --extra N]
import { openContext } from '../../src/core/context'
// The database is encrypted; its key is unwrapped with the test administrator's password.
import { keyFor } from '../helpers/raw-db'
import { insertRow } from '../../src/core/db/rows'
import { saveAssignment, savePerson, saveRate } from '../../src/core/honor/service'
import { createRegulation } from '../../src/core/regulation/service'

const [file, flag, count] = process.argv.slice(2)
const ctx = openContext({ dataFile: file, host: 'cli', key: keyFor(file) })
const posyandu = (name: string, desa: string) => insertRow(ctx, 'posyandu', { name, desa_code: desa }, { scope: desa.slice(0, 8) })

if (flag === '--extra') {
  // Extra pendamping appointed from January, one per new posyandu across Sei Rampah's desa.
  const desa = ctx.sqlite.prepare(`SELECT code FROM wilayah WHERE parent_code IN ('12.18.02', '12.18.04') ORDER BY code`).all() as { code: string }[]
  const names = ['Ani', 'Rina', 'Dewi', 'Sri', 'Yusni', 'Lestari', 'Wati', 'Nur', 'Fitri', 'Maya', 'Rahma', 'Sari']
  for (let i = 0; i < Number(count); i++) {
    const p = posyandu(`Posyandu ${String(i + 1).padStart(2, '0')}`, desa[i % desa.length].code)
    const person = savePerson(ctx, {
      nik: `12180${String(441 + i).padStart(3, '0')}0190${String(i + 10).padStart(4, '0')}`.slice(0, 16),
      name: `${names[i % names.length]} ${['Siregar', 'Nasution', 'Lubis', 'Harahap'][i % 4]}`,
      sex: 'P',
      address: null,
      phone: null,
      education: 'SMA',
      npwp: i % 3 === 0 ? null : `${String(i).padStart(2, '0')}.123.456.7-118.000`,
      nikAsNpwp: false,
      bankName: 'Bank Sumut',
      accountNumber: `2100${String(500000 + i)}`,
      accountHolder: null,
      isPns: false,
      golongan: null,
      nip: null,
      taxReason: null,
    })
    saveAssignment(ctx, { personId: person.id, posyanduId: p.id, role: 'pendamping', fromDate: '2026-01-01' })
  }
} else {
  const melati = posyandu('Melati', '12.18.04.2001')
  const mawar = posyandu('Mawar', '12.18.05.2002')
  posyandu('Kenanga', '12.18.04.2006')
  const decree = createRegulation(ctx, { kind: 'Kepbup', number: '208/050/2014', year: 2014, title: 'Pendamping Posyandu Holistik Integratif dan honorariumnya', dateSigned: '2014-03-10' })
  if (flag === '--people') {
    // Two pendamping with a rate, for tests that start at the honor list.
    const base = { sex: 'P' as const, address: null, phone: null, education: null, nikAsNpwp: false, accountHolder: null, isPns: false, golongan: null, nip: null, taxReason: null }
    const siti = savePerson(ctx, { ...base, nik: '1218044501900001', name: 'Siti Aminah', npwp: '12.345.678.9-118.000', bankName: 'Bank Sumut', accountNumber: '1001900001' })
    const budi = savePerson(ctx, { ...base, sex: 'L', nik: '1218051203850002', name: 'Budi Santoso', npwp: null, bankName: 'BRI', accountNumber: '3320010045507' })
    saveAssignment(ctx, { personId: siti.id, posyanduId: melati.id, role: 'pendamping', regulationId: decree.id, fromDate: '2025-07-01' })
    saveAssignment(ctx, { personId: budi.id, posyanduId: mawar.id, role: 'pendamping', regulationId: decree.id, fromDate: '2025-07-01' })
    saveRate(ctx, { role: 'pendamping', amount: 330_000, validFrom: '2026-01-01', regulationId: decree.id })
  }
}
ctx.close()
