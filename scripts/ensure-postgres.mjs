#!/usr/bin/env node
// Before the tests: the warehouse tests start a throwaway PostgreSQL from Debian's
// postgresql 15 package. Installs it with apt-get when running as root; otherwise says
// exactly what to install.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const bin = process.env.SIMPUL_PG_BIN ?? '/usr/lib/postgresql/15/bin'
if (existsSync(`${bin}/initdb`)) process.exit(0)

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
if (!isRoot) {
  console.error(`PostgreSQL 15 tidak ditemukan di ${bin}. Pasang dulu sebagai root:\n\n  sudo apt-get update && sudo apt-get install -y postgresql\n\natau arahkan SIMPUL_PG_BIN ke folder bin PostgreSQL (berisi initdb dan pg_ctl).`)
  process.exit(1)
}
console.error('PostgreSQL belum terpasang; memasang paket Debian "postgresql" (sekali saja)…')
execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql', { stdio: 'inherit' })
if (!existsSync(`${bin}/initdb`)) {
  console.error(`initdb masih tidak ada di ${bin} setelah apt-get.`)
  process.exit(1)
}
