import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { copySink } from '../../src/warehouse/load'
import { startPostgres, type TestPostgres } from '../helpers/postgres'

/**
 * The warehouse's COPY sink respects back-pressure: when the stream's write() returns false
 * the producer waits for 'drain' (between slices of the bundle), so what waits in memory
 * stays near one slice however large the bundle. A producer that never waits — what the
 * loader did before — buffers everything it has decrypted.
 */
let server: TestPostgres
let client: pg.Client
beforeAll(async () => {
  server = await startPostgres()
  client = new pg.Client({ connectionString: await server.createDatabase('druk') })
  await client.connect()
  await client.query(`CREATE TABLE sink (a text)`)
}, 60_000)
afterAll(async () => {
  await client?.end()
  server?.stop()
})

const LINE = `"${'x'.repeat(1000)}"\n`
const SLICE = 4 * 1024 * 1024
const TOTAL = 160 * 1024 * 1024

async function send(wait: boolean): Promise<{ peak: number; rssGrowth: number }> {
  await client.query('TRUNCATE sink')
  const sink = copySink(client.query(copyFrom(`COPY sink (a) FROM STDIN (FORMAT csv)`)))
  const rss0 = process.memoryUsage().rss
  let rss = rss0
  for (let sent = 0; sent < TOTAL; ) {
    // One "slice": what the loader decrypts between two waits.
    for (let n = 0; n < SLICE; n += LINE.length) sink.write(LINE)
    sent += SLICE
    rss = Math.max(rss, process.memoryUsage().rss)
    if (wait) await sink.drained()
  }
  await sink.end()
  const rows = Number((await client.query(`SELECT count(*) AS n FROM sink`)).rows[0].n)
  expect(rows).toBe(Math.ceil(SLICE / LINE.length) * (TOTAL / SLICE))
  return { peak: sink.peakBuffered, rssGrowth: rss - rss0 }
}

it('waits for drain: 160 MB go through COPY with at most about one slice waiting in memory', async () => {
  const waited = await send(true)
  expect(waited.peak).toBeLessThan(2 * SLICE)
  expect(waited.rssGrowth).toBeLessThan(80 * 1024 * 1024)
  // The same rows without waiting: the stream holds nearly all of them.
  const unwaited = await send(false)
  expect(unwaited.peak).toBeGreaterThan(TOTAL / 2)
}, 120_000)
