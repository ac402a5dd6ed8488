import pg from 'pg'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startPostgres, type TestPostgres } from '../helpers/postgres'

let server: TestPostgres
beforeAll(async () => {
  server = await startPostgres()
}, 60_000)
afterAll(() => server?.stop())

test('a real throwaway PostgreSQL 15 answers on its socket, in a database of its own', async () => {
  const url = await server.createDatabase('probe')
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  const { rows } = await c.query<{ v: string; db: string }>('SELECT current_setting(\'server_version_num\') AS v, current_database() AS db')
  await c.end()
  expect(Number(rows[0].v)).toBeGreaterThanOrEqual(150000)
  expect(rows[0].db).toBe('probe')
})
