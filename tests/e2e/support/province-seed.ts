// npx tsx tests/e2e/support/province-seed.ts <db file> — after `simpul demo --scale provinsi`:
// the province office's letterhead and the Ketua Tim Pembina Posyandu provinsi as signatory,
// set through dispatch as the settings screen would.
import { openContext } from '../../../src/core/context'
import { keyFor } from '../../helpers/raw-db'
import { saveSettingsAsAdmin } from './letterhead'

const [dbFile] = process.argv.slice(2)
const ctx = openContext({ dataFile: dbFile, host: 'cli', key: keyFor(dbFile) })
const settings: Record<string, string> = {
  'letterhead.government': 'PEMERINTAH PROVINSI KEPULAUAN RIAU',
  'letterhead.office': 'TIM PEMBINA POSYANDU PROVINSI KEPULAUAN RIAU',
  'letterhead.address': 'Jl. Basuki Rahmat No. 1, Tanjungpinang, Kepulauan Riau',
  'letterhead.place': 'Tanjungpinang',
  'sign.ketua_pembina_prov_name': 'Hj. Dewi Kumalasari Ansar',
  'sign.ketua_pembina_prov_nip': '197205151998032004',
}
await saveSettingsAsAdmin(ctx, settings)
ctx.close()
