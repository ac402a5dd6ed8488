// npx tsx tests/e2e/support/national-seed.ts <national db file> <work folder> — two province
// offices (Kepulauan Riau 21, DI Yogyakarta 34), each made by `demo --scale provinsi` from its
// real kabupaten/kota offices, enrol the national office (ID) by card and fingerprint and send it
// their signed bundle, which is imported through the ordinary import stages. Nothing is written
// into the national database except by those imports (and its letterhead, as Pengaturan would).
import { join } from 'node:path'
import { openContext } from '../../../src/core/context'
import { generateProvinceDemo } from '../../../src/core/demo/province'
import { exportBundle } from '../../../src/core/exchange/export'
import { importBundle } from '../../../src/core/exchange/import'
import { enrolOffice, makeCard, readCard } from '../../../src/core/exchange/peers'
import { setupOffice } from '../../../src/core/office/service'
import { dispatch } from '../../../src/core/handlers'
import { keyFor } from '../../helpers/raw-db'

const [dbFile, work] = process.argv.slice(2)
const nat = openContext({ dataFile: dbFile, host: 'cli', key: keyFor(dbFile) })
const out: { code: string; posyandu: number }[] = []
for (const [code, name] of [['21', 'Kepulauan Riau'], ['34', 'Daerah Istimewa Yogyakarta']] as const) {
  const prov = openContext({ dataFile: join(work, `prov-${code}`, 'simpul.sqlite'), host: 'cli' })
  setupOffice(prov, { wilayahCode: code, level: 'provinsi', name: `Tim Pembina Posyandu Provinsi ${name}` })
  await generateProvinceDemo(prov, { seed: Number(code), size: 0.03, workDir: join(work, `kab-${code}`), years: 3 })
  const provCard = JSON.stringify(makeCard(prov))
  const natCard = JSON.stringify(makeCard(nat))
  enrolOffice(prov, natCard, readCard(natCard).fingerprint)
  enrolOffice(nat, provCard, readCard(provCard).fingerprint)
  const bundle = exportBundle(prov, 'ID', { outDir: join(work, 'bundles') })
  await importBundle(nat, bundle.file)
  out.push({ code, posyandu: (prov.sqlite.prepare(`SELECT count(*) AS n FROM posyandu WHERE deleted_at IS NULL`).get() as { n: number }).n })
  prov.close()
}
const admin = (nat.sqlite.prepare(`SELECT id FROM app_user WHERE role = 'admin' AND active = 1 LIMIT 1`).get() as { id: string }).id
const settings: Record<string, string> = {
  'letterhead.government': 'KEMENTERIAN DALAM NEGERI REPUBLIK INDONESIA',
  'letterhead.office': 'DIREKTORAT JENDERAL BINA PEMERINTAHAN DESA',
  'letterhead.address': 'Jl. Raya Pasar Minggu Km. 19, Jakarta Selatan',
  'letterhead.place': 'Jakarta',
  'sign.ketua_pembina_pusat_name': 'Dr. Rahmawati Siregar, M.Si.',
  'sign.ketua_pembina_pusat_nip': '197103121996032001',
}
for (const [key, value] of Object.entries(settings)) {
  const r = await dispatch(nat, 'settings.set', { key, value }, { userId: admin })
  if (!r.ok) throw new Error(`${key}: ${r.error.message}`)
}
nat.close()
console.log(JSON.stringify(out))
