// npx tsx tests/e2e/support/plain-office.ts <db file> <wilayah code> <office name> <admin> — an office
// database as a release before encryption made it (plain), with its administrator (the test
// password) and one backup; prints the backup as JSON.
import { openContext } from '../../../src/core/context'
import { backupDatabase } from '../../../src/core/db/backup'
import { setupOffice } from '../../../src/core/office/service'
import { addUser } from '../../helpers/db'

const [dbFile, code, name, admin] = process.argv.slice(2)
const ctx = openContext({ dataFile: dbFile, host: 'cli' })
setupOffice(ctx, { wilayahCode: code, level: code.split('.').length === 3 ? 'kecamatan' : 'kabupaten', name })
addUser(ctx, 'admin', admin)
const made = backupDatabase(ctx.sqlite, ctx.backupsDir, 'manual', ctx.clock)
ctx.close()
process.stdout.write(JSON.stringify(made))
