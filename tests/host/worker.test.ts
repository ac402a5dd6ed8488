import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { saveUpload, uploadPath } from '../../src/core/uploads'
import { LONG_OPS, WorkerClient } from '../../src/core/worker/client'
import { isOpName } from '../../src/shared/contract'
import { startHost, type RunningHost } from '../../src/host/server'
import { tempDir, callerOf, keyFor, rawDb, TEST_PASSWORD } from '../helpers/db'
import { addPosyandu, makeOffices, send } from '../helpers/exchange'

// The real worker thread (src/core/worker/boot.mjs → entry.ts through tsx) on a real file.
let client: WorkerClient
let dir: string
const count = (table: string) => {
  const file = join(dir, 'simpul.sqlite')
  // office.setup encrypted the file with a new random key; the administrator's wrap gives it.
  const db = rawDb(file, { readonly: true }, keyFor(file)!)
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  } finally {
    db.close()
  }
}

let admin: { userId: string }

beforeAll(async () => {
  dir = tempDir('simpul-worker-')
  client = await WorkerClient.start({ dataFile: join(dir, 'simpul.sqlite'), host: 'headless' })
  const setup = await client.call('office.setup', { wilayahCode: '33.25', level: 'kabupaten', name: 'Bappeda Kabupaten Batang', admin: { username: 'admin', displayName: 'Penguji', password: 'rahasia-uji-123' } })
  expect(setup.ok).toBe(true)
  // The caller crosses into the worker, where dispatch checks its role.
  admin = { userId: (setup as { data: { user: { id: string } } }).data.user.id }
})
afterAll(async () => {
  await client?.close()
})

describe('database worker', () => {
  it('routes only operations of the contract to the job worker', () => {
    expect([...LONG_OPS].filter((op) => !isOpName(op))).toEqual([])
  })

  it('answers the same Result as dispatch, refusals included', async () => {
    const info = await client.call('app.info', {})
    expect(info.ok && (info.data as { host: string }).host).toBe('headless')
    const bad = await client.call('registry.kaderSave', { data: { name: '' } }, admin)
    expect(bad.ok).toBe(false)
    expect(!bad.ok && bad.error.code).toBe('INVALID_INPUT')
    const unknown = await client.call('tidak.ada', {})
    expect(!unknown.ok && unknown.error.code).toBe('UNKNOWN_OP')
  })

  it('a cancelled demo stops at its next batch and leaves the database unchanged', async () => {
    const abort = new AbortController()
    const seen: string[] = []
    const res = await client.call('registry.demo', { scale: 'kabupaten', seed: 3 }, admin, {
      signal: abort.signal,
      onProgress: (p) => (seen.push(p.phase), abort.abort()),
    })
    expect(seen.length).toBeGreaterThan(0)
    expect(res.ok).toBe(false)
    expect(!res.ok && res.error.code).toBe('JOB_CANCELLED')
    expect(!res.ok && res.error.message).toMatch(/dibatalkan/)
    expect(count('posyandu')).toBe(0)
    expect(count('kader')).toBe(0)
  }, 120_000)

  it('keeps answering reads while a long demo runs in the job worker, and the main thread never blocks', async () => {
    const loop = monitorEventLoopDelay({ resolution: 5 })
    loop.enable()
    let done = false
    const started = Date.now()
    let firstProgress!: () => void
    const progressed = new Promise<void>((r) => (firstProgress = r))
    const demo = client.call('registry.demo', { scale: 'kabupaten', seed: 1 }, admin, { onProgress: () => firstProgress() }).then((r) => ((done = true), r))
    // A save while the demo holds the write lock waits a second, then is refused with a clear message.
    await progressed
    const save = await client.call('settings.set', { key: 'backup.keep', value: '10' }, admin)
    expect(done || (!save.ok && save.error.code === 'DB_BUSY'), JSON.stringify(save)).toBe(true)
    if (!save.ok) expect(save.error.message).toMatch(/Tunggu sampai selesai/)
    const answeredDuring: number[] = []
    while (!done) {
      const t = Date.now()
      const r = await client.call('registry.posyanduList', { limit: 5 }, admin)
      expect(r.ok, JSON.stringify(r)).toBe(true)
      if (!done) answeredDuring.push(Date.now() - t)
      await new Promise((w) => setTimeout(w, 50))
    }
    loop.disable()
    const res = await demo
    expect(res.ok, JSON.stringify(res)).toBe(true)
    const total = Date.now() - started
    // The demo took a while, reads were answered meanwhile, each quickly.
    expect(answeredDuring.length).toBeGreaterThanOrEqual(3)
    expect(Math.max(...answeredDuring)).toBeLessThan(Math.max(1000, total / 2))
    // In this thread the demo (seconds of synchronous SQLite) would block the loop for its whole
    // length; through the worker only scheduling noise of the shared CPU remains.
    expect(loop.max / 1e6).toBeLessThan(Math.min(1000, total / 4))
    expect(count('posyandu')).toBe(1236)
    // A save while no job holds the lock goes through the first worker as before.
    const after = await client.call('registry.posyanduList', { limit: 1 }, admin)
    expect(after.ok && (after.data as { total: number }).total).toBe(1236)
  }, 300_000)

  it.runIf(process.platform === 'linux')('jobNice lowers the job worker thread only, not the process or the first worker', async () => {
    // The nice value of each thread of this process (field 19 of /proc/<pid>/task/<tid>/stat).
    const nices = () =>
      readdirSync(`/proc/${process.pid}/task`).map((t) => Number(readFileSync(`/proc/${process.pid}/task/${t}/stat`, 'utf8').split(') ')[1].split(' ')[16]))
    const before = nices().filter((n) => n === 10).length
    const c = await WorkerClient.start({ dataFile: join(tempDir('simpul-worker-nice-'), 'simpul.sqlite'), host: 'headless', jobNice: 10 })
    try {
      await c.call('people.whoami', {})
      expect(nices().filter((n) => n === 10).length).toBe(before)
      await c.call('app.diagnostics', {}) // a long call: starts the job worker
      expect(nices().filter((n) => n === 10).length).toBe(before + 1)
      expect(Number(readFileSync(`/proc/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ')[16])).toBe(0)
    } finally {
      await c.close()
    }
  })

  it('the host passes calls to the worker; exchange.progress and exchange.cancel are answered without a job', async () => {
    const renderer = tempDir()
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Simpul</title>')
    const host: RunningHost = await startHost({ client, rendererDir: renderer })
    try {
      const post = (op: string, body: unknown) =>
        fetch(`http://127.0.0.1:${host.port}/api/${op}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-simpul-token': host.token }, body: JSON.stringify(body) }).then((r) => r.json())
      expect(await post('exchange.progress', {})).toEqual({ ok: true, data: null })
      expect(await post('exchange.cancel', {})).toEqual({ ok: true, data: { cancelled: false } })
      const info = await post('app.info', {})
      expect(info.data.dataFile).toBe(join(dir, 'simpul.sqlite'))
    } finally {
      await host.close()
    }
  })

  it('a bundle handed over as the window does it (an upload opened by id) imports in the job worker, is cancelled through exchange.cancel (as the import screen does) and changes nothing', async () => {
    const { kab, kec: [kec], outDir } = makeOffices(['12.18.04'])
    kec.sqlite.transaction(() => {
      for (let i = 0; i < 1500; i++) addPosyandu(kec, `Posyandu Batal ${i}`, '12.18.04')
    })()
    const bundle = send(kec, kab, outDir)
    const dataFile = kab.dataFile
    const count = () => (kab.sqlite.prepare('SELECT count(*) AS n FROM posyandu').get() as { n: number }).n
    const before = count()
    kab.close()
    const c = await WorkerClient.start({ dataFile, host: 'headless' })
    // makeOffices gave the kabupaten its test administrator; the worker calls run as that person.
    const as = callerOf(kab)
    try {
      // The database is encrypted: closed until a login unwraps its key.
      expect((await c.call('people.login', { username: 'admin', password: TEST_PASSWORD })).ok).toBe(true)
      // As the window hands a chosen file over (platform.upload): its bytes kept as an upload
      // on this thread's side, opened by id in the worker, which moves the file into its inbox.
      const bytes = readFileSync(bundle)
      const upload = await saveUpload(c.dataDir, bytes)
      expect(upload.sizeBytes).toBe(bytes.length)
      expect(readFileSync(uploadPath(c.dataDir, upload.uploadId)).equals(bytes)).toBe(true)
      const opened = await c.call('exchange.bundleOpen', { fileName: 'b.simpul', uploadId: upload.uploadId }, as)
      expect(opened.ok, JSON.stringify(opened)).toBe(true)
      expect(existsSync(uploadPath(c.dataDir, upload.uploadId))).toBe(false)
      // The same id again: the file is gone, said in words.
      expect(await c.call('exchange.bundleOpen', { fileName: 'b.simpul', uploadId: upload.uploadId }, as)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      const inboxId = opened.ok ? (opened.data as { inboxId: string }).inboxId : ''
      const apply = c.call('exchange.bundleApply', { inboxId, reject: [] }, as)
      // The job worker reads the flag at its next check, even mid-transaction.
      expect(await c.call('exchange.cancel', {}, as)).toEqual({ ok: true, data: { cancelled: true } })
      const res = await apply
      expect(res.ok).toBe(false)
      expect(!res.ok && res.error.message).toMatch(/dibatalkan/)
      expect(await c.call('registry.posyanduList', { pageSize: 1 }, as)).toMatchObject({ ok: true, data: { total: before } })
      const progress = await c.call('exchange.progress', {}, as)
      expect(!progress.ok || progress.data === null || (progress.data as { phase: string }).phase === 'selesai').toBe(true)
      // Not cancelled, the same bundle then imports whole.
      const again = await c.call('exchange.bundleApply', { inboxId, reject: [] }, as)
      expect(again.ok, JSON.stringify(again).slice(0, 300)).toBe(true)
      expect(await c.call('registry.posyanduList', { pageSize: 1 }, as)).toMatchObject({ ok: true, data: { total: before + 1500 } })
    } finally {
      await c.close()
    }
  }, 180_000)
})
