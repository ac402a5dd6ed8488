// npx tsx tests/e2e/support/layout-seed.ts <db file> — after `simpul demo`: pendamping, a rate,
// a quarterly honor list, a regulation and a programme, so the layout and English checks see
// filled screens (names long enough to stress the columns). Everything goes through dispatch,
// as the screens would. Prints the honor list id.
import { openContext } from '../../../src/core/context'
// The database is encrypted; its key is unwrapped with the test administrator's password.
import { keyFor } from '../../helpers/raw-db'
import { dispatch } from '../../../src/core/handlers'
import { createUser } from '../../../src/core/people/users'

const [dbFile] = process.argv.slice(2)
const ctx = openContext({ dataFile: dbFile, host: 'cli', key: keyFor(dbFile) })
// Calls run as the office's administrator; honor lists are prepared by an operator (one is added).
const admin = (ctx.sqlite.prepare(`SELECT id FROM app_user WHERE role = 'admin' AND active = 1 LIMIT 1`).get() as { id: string }).id
const operator = (await createUser(ctx, { username: 'operator-seed', displayName: 'Operator Uji', role: 'operator', password: 'rahasia-uji-123' })).id
const must = async <T>(op: string, input: unknown): Promise<T> => {
  const r = await dispatch(ctx, op, input, { userId: op === 'honor.listCreate' ? operator : admin })
  if (!r.ok) throw new Error(`${op}: ${r.error.message}`)
  return r.data as T
}
const year = new Date().getFullYear() - 1
const posyandu = ctx.sqlite.prepare(`SELECT id, scope FROM posyandu WHERE deleted_at IS NULL ORDER BY name LIMIT 8`).all() as { id: string; scope: string }[]
const decree = await must<{ id: string }>('regulation.create', { kind: 'Kepbup', number: '208/050/2014', year: 2014, title: 'Pendamping Posyandu Holistik Integratif dan honorariumnya', dateSigned: '2014-03-10' })
await must('honor.rateSave', { role: 'pendamping', amount: 330_000, validFrom: `${year}-01-01`, regulationId: decree.id })
const names = ['Siti Aminah Nasution', 'Rahmawati Br. Siregar', 'Dra. Nur Hidayah Lubis', 'Sri Wahyuningsih', 'Yusniar Harahap, S.Pd', 'Budi Santoso']
for (const [i, name] of names.entries()) {
  const kec = posyandu[i].scope.replaceAll('.', '')
  const nik = `${kec}${String(41 + i).padStart(2, '0')}0790${String(i + 1).padStart(4, '0')}`
  const person = await must<{ id: string }>('honor.personSave', {
    nik, name, sex: i === 5 ? 'L' : 'P', npwp: i % 2 ? null : `0${i}.123.456.7-118.000`, nikAsNpwp: false,
    bankName: i % 2 ? 'Bank Jateng Cabang Pembantu Wonotunggal' : 'BRI', accountNumber: `21000${500000 + i}`, isPns: false,
  })
  await must('honor.assignmentSave', { personId: person.id, posyanduId: posyandu[i].id, role: 'pendamping', regulationId: decree.id, fromDate: `${year}-01-01` })
}
const list = await must<{ list: { id: string } }>('honor.listCreate', { periodKind: 'triwulan', year, quarter: 2, subKegiatanCode: '5.01.01.2.06.0003', subKegiatanName: 'Koordinasi Pelaksanaan Posyandu Holistik Integratif' })
const ref = await must<{ skpd: { id: string }[]; fundingSources: { code: string }[]; phiParts: { code: string }[] }>('programme.reference', { includeInactive: false })
await must('programme.save', {
  skpdId: ref.skpd[0].id, fiscalYear: year, name: 'Pelatihan kader posyandu tentang deteksi dini tumbuh kembang anak', phiPart: ref.phiParts[0].code, targetGroups: [],
  fundingSource: ref.fundingSources[0].code, budget: 150_000_000, realisation: 120_500_000, posyanduIds: posyandu.slice(0, 5).map((p) => p.id),
})
ctx.close()
process.stdout.write(`${list.list.id}\n`)
