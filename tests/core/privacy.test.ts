import { statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { backupDatabase } from '../../src/core/db/backup'
import { makeOffices } from '../helpers/exchange'

const mode = (p: string) => statSync(p).mode & 0o777

describe('private data at rest', () => {
  it('the data folder, database, backups and keys are readable by their owner only', () => {
    const { kec: [ctx] } = makeOffices(['12.18.04'])
    const backup = backupDatabase(ctx.sqlite, ctx.backupsDir, 'manual', ctx.clock)
    expect(mode(ctx.dataDir)).toBe(0o700)
    expect(mode(ctx.dataFile)).toBe(0o600)
    expect(mode(ctx.backupsDir)).toBe(0o700)
    expect(mode(backup.file)).toBe(0o600)
    expect(mode(join(ctx.dataDir, 'keys'))).toBe(0o700)
    expect(mode(join(ctx.dataDir, 'logs', 'simpul.log'))).toBe(0o600)
  })
})
