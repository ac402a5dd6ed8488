import { execFileSync, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { Ctx } from '../../src/core/context'
import type { Party } from '../../src/core/policy'
import { officeParty } from '../../src/core/write'
import { initSchema, warehouseTables } from '../../src/warehouse/schema'

/**
 * A throwaway PostgreSQL cluster for a test file: Debian's postgresql 15 binaries, initdb into
 * a temp folder, listening only on a Unix socket inside that folder (no TCP port to collide
 * on). PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres`
 * system user (created by the Debian package). `npm test`'s pretest installs the package
 * (scripts/ensure-postgres.mjs). No mock of PostgreSQL anywhere.
 */
export interface TestPostgres {
  /** Connection string for `pg` (socket folder as host). */
  url: string
  dir: string
  /** A fresh empty database in the cluster; returns its url. */
  createDatabase(name: string): Promise<string>
  stop(): void
}

export const PG_BIN = process.env.SIMPUL_PG_BIN ?? '/usr/lib/postgresql/15/bin'

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0

function runAs(cmd: string, args: string[]): void {
  const full = join(PG_BIN, cmd)
  const [exe, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', full, ...args]] : [full, args]
  const res = spawnSync(exe, argv, { encoding: 'utf8' })
  if (res.status !== 0) throw new Error(`${cmd} gagal (${res.status}): ${res.stderr || res.stdout}`)
}

export async function startPostgres(): Promise<TestPostgres> {
  if (!existsSync(join(PG_BIN, 'initdb'))) {
    throw new Error(`PostgreSQL 15 tidak ada di ${PG_BIN}: jalankan "node scripts/ensure-postgres.mjs" (atau sudo apt-get install -y postgresql).`)
  }
  // Short path: a Unix socket path must stay under ~107 bytes.
  const dir = mkdtempSync(join(tmpdir(), 'spg-'))
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    chownSync(dir, uid, gid)
  }
  const data = join(dir, 'data')
  runAs('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'])
  // fsync off: a test cluster need not survive a power cut, and the CPU and disk are shared.
  runAs('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-k ${dir} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off`, 'start'])
  const url = `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dir)}`
  let stopped = false
  const stop = () => {
    if (stopped) return
    stopped = true
    try {
      runAs('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
    } finally {
      if (!process.env.SIMPUL_KEEP_TEMP) rmSync(dir, { recursive: true, force: true })
    }
  }
  process.on('exit', stop)
  return {
    url,
    dir,
    stop,
    async createDatabase(name: string) {
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      try {
        await c.query(`CREATE DATABASE "${name}"`)
      } finally {
        await c.end()
      }
      return url.replace('/postgres?', `/${name}?`)
    },
  }
}

/**
 * A warehouse's rows and figures, and its load log without the moments of loading, as one
 * string: two warehouses that loaded the same bundles (in any way) give the same one.
 */
export async function warehouseState(c: pg.Client, office: Party): Promise<string> {
  const parts: string[] = []
  for (const t of [...warehouseTables(office), 'wh_kader_summary', 'wh_strata_summary', 'wh_set_summary', 'wh_reports_summary']) {
    const r = await c.query(`SELECT coalesce(string_agg(x::text, '|' ORDER BY x::text), '') AS s FROM "${t}" x`)
    parts.push(`${t}:${r.rows[0].s}`)
  }
  const log = await c.query(`SELECT peer_code, seq, file_name, rows, added, changed, unchanged, left_out, withdrawn FROM wh_load_log ORDER BY peer_code, seq`)
  return `${parts.join('\n')}\nlog:${JSON.stringify(log.rows)}`
}

/** A fresh database `name` on `server` with the warehouse schema of office `wh`; the client joins `clients` (to end after the file). */
export async function freshWarehouse(server: TestPostgres, wh: Ctx, name: string, clients: pg.Client[]): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: await server.createDatabase(name) })
  await c.connect()
  clients.push(c)
  await initSchema(c, wh.sqlite, officeParty(wh.sqlite))
  return c
}
