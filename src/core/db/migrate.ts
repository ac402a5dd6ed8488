import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../shared/result'
import { msg } from '../../shared/messages'

export interface Migration {
  idx: number
  tag: string
  statements: string[]
}

interface Journal {
  entries: { idx: number; tag: string; when: number }[]
}

/** Reads drizzle/meta/_journal.json and the SQL files it names, in journal order. */
export function readMigrations(dir: string): Migration[] {
  const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as Journal
  return journal.entries
    .slice()
    .sort((a, b) => a.idx - b.idx)
    .map((e, i) => {
      if (e.idx !== i) throw new AppError('MIGRATION_JOURNAL', msg('db.journal', { i }))
      const sql = readFileSync(join(dir, `${e.tag}.sql`), 'utf8')
      const statements = sql
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        .filter(Boolean)
      return { idx: e.idx, tag: e.tag, statements }
    })
}
