// npx tsx tests/e2e/support/national-seed.ts <national db file> <work folder> — the national demo
// (`demo --scale nasional`, src/core/demo/national.ts): two province offices (Kepulauan Riau 21,
// DI Yogyakarta 34), each made by the province demo from its real kabupaten/kota offices, enrol
// the national office (ID) by card and fingerprint and send it their signed bundle, which is
// imported through the ordinary import stages. Nothing is written into the national database
// except by those imports (and its letterhead, as Pengaturan would).
import { openContext } from '../../../src/core/context'
import { generateNationalDemo } from '../../../src/core/demo/national'
import { saveSettingsAsAdmin } from './letterhead'
import { keyFor } from '../../helpers/raw-db'

const [dbFile, work] = process.argv.slice(2)
const nat = openContext({ dataFile: dbFile, host: 'cli', key: keyFor(dbFile) })
const made = await generateNationalDemo(nat, { seed: 1, size: 0.03, workDir: work, years: 3 })
const out = made.provinces.map((p) => ({ code: p.code, posyandu: p.counts.posyandu }))
const settings: Record<string, string> = {
  'letterhead.government': 'KEMENTERIAN DALAM NEGERI REPUBLIK INDONESIA',
  'letterhead.office': 'DIREKTORAT JENDERAL BINA PEMERINTAHAN DESA',
  'letterhead.address': 'Jl. Raya Pasar Minggu Km. 19, Jakarta Selatan',
  'letterhead.place': 'Jakarta',
  'sign.ketua_pembina_pusat_name': 'Dr. Rahmawati Siregar, M.Si.',
  'sign.ketua_pembina_pusat_nip': '197103121996032001',
}
await saveSettingsAsAdmin(nat, settings)
nat.close()
console.log(JSON.stringify(out))
