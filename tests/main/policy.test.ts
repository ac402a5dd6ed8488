import { describe, expect, it } from 'vitest'
import { externalTarget, isTrustedUrl, PERSONAL_EXPORT, WINDOW_TEXTS } from '../../src/main/policy'
import { contract } from '../../src/shared/contract'

describe('Electron window policy', () => {
  const packaged = { packaged: true }
  it('lets only our own pages call the IPC handler or be navigated to', () => {
    expect(isTrustedUrl('app://simpul/index.html#/registri', packaged)).toBe(true)
    for (const u of ['https://evil.example/', 'app://simpul.evil/index.html', 'file:///etc/passwd', 'app://other/index.html', 'http://127.0.0.1:5173/', 'javascript:alert(1)', '', undefined]) {
      expect(isTrustedUrl(u, packaged), String(u)).toBe(false)
    }
    // The dev server only while developing, and only its exact origin.
    expect(isTrustedUrl('http://localhost:5173/x', { packaged: false, devUrl: 'http://localhost:5173' })).toBe(true)
    expect(isTrustedUrl('http://localhost:5173.evil.example/', { packaged: false, devUrl: 'http://localhost:5173' })).toBe(false)
    expect(isTrustedUrl('http://localhost:5173/x', { packaged: true, devUrl: 'http://localhost:5173' })).toBe(false)
  })

  it('opens https links and files the app wrote, nothing else', () => {
    const dirs = ['/home/op/.config/Simpul/files', '/home/op/.config/Simpul/updates']
    expect(externalTarget('https://opendatacommons.org/licenses/odbl/1-0/', dirs)).toEqual({ kind: 'https', url: 'https://opendatacommons.org/licenses/odbl/1-0/' })
    expect(externalTarget('/home/op/.config/Simpul/files/regulations/ab.pdf', dirs)).toEqual({ kind: 'file', path: '/home/op/.config/Simpul/files/regulations/ab.pdf' })
    expect(externalTarget('file:///home/op/.config/Simpul/updates/Simpul-Setup.exe', dirs)?.kind).toBe('file')
    for (const t of ['http://example.com', 'smb://server/share', 'file:///etc/passwd', '/home/op/.config/Simpul/files/../simpul.sqlite', '/home/op/.config/Simpul/files', 'relative/path.pdf', 'mailto:a@b.c', 'javascript:alert(1)']) {
      expect(externalTarget(t, dirs), t).toBeNull()
    }
  })

  it('marks exports holding NIK or bank accounts', () => {
    expect(PERSONAL_EXPORT.test('daftar-honor-001.xlsx')).toBe(true)
    expect(PERSONAL_EXPORT.test('simpul_12.18.04_12.18_2026-11-25_3.simpul')).toBe(true)
    expect(PERSONAL_EXPORT.test('ringkasan-program-2026.pdf')).toBe(false)
  })

  it('names the menu and the personal-data save dialog in the window’s language', () => {
    expect(Object.keys(WINDOW_TEXTS.en)).toEqual(Object.keys(WINDOW_TEXTS.id))
    // Every English word is English: none of it is the Indonesian text.
    for (const k of Object.keys(WINDOW_TEXTS.id) as (keyof typeof WINDOW_TEXTS.id)[]) expect(WINDOW_TEXTS.en[k], k).not.toBe(WINDOW_TEXTS.id[k])
    expect(WINDOW_TEXTS.en.personal).toMatch(/personal data/)
    // The renderer says the language through the contract; only the two languages pass.
    expect(contract['platform.setLanguage'].input.safeParse({ lang: 'en' }).success).toBe(true)
    expect(contract['platform.setLanguage'].input.safeParse({ lang: 'jv' }).success).toBe(false)
  })
})

