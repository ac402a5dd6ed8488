#!/usr/bin/env node
// Before the tests: make sure Debian's Chromium is there for Playwright (it cannot
// download its own browser here). Installs it with apt-get when running as root;
// otherwise says exactly what to install.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const exe = process.env.SIMPUL_CHROMIUM ?? '/usr/bin/chromium'
if (existsSync(exe)) process.exit(0)

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
if (!isRoot) {
  console.error(`Chromium tidak ditemukan di ${exe}. Pasang dulu sebagai root:\n\n  sudo apt-get update && sudo apt-get install -y chromium\n\natau arahkan SIMPUL_CHROMIUM ke Chromium/Chrome yang ada.`)
  process.exit(1)
}
console.error('Chromium belum terpasang; memasang paket Debian "chromium" (sekali saja)…')
execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core poppler-utils', { stdio: 'inherit' })
if (!existsSync(exe)) {
  console.error(`Chromium masih tidak ada di ${exe} setelah apt-get.`)
  process.exit(1)
}
