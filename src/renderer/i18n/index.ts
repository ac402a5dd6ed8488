import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { areas } from '../areas'
import { common } from './common'
import { messages } from './messages'

export type Lang = 'id' | 'en'
const saved = (localStorage.getItem('simpul.lang') as Lang | null) ?? 'id'

const resources: Record<Lang, Record<string, object>> = { id: { common: common.id, msg: messages.id }, en: { common: common.en, msg: messages.en } }
for (const a of areas) {
  if (!a.translations) continue
  resources.id[a.id] = a.translations.id
  resources.en[a.id] = a.translations.en
}

void i18n.use(initReactI18next).init({
  resources,
  lng: saved,
  fallbackLng: 'id',
  defaultNS: 'common',
  interpolation: { escapeValue: false },
})

/** The desktop window's menu and save dialogs follow (the headless host has none: window.simpul is the Electron bridge). */
const tellWindow = (lang: Lang) => void window.simpul?.platform.setLanguage({ lang }).catch(() => undefined)
tellWindow(saved)

export function setLanguage(lang: Lang) {
  localStorage.setItem('simpul.lang', lang)
  void i18n.changeLanguage(lang)
  document.documentElement.lang = lang
  tellWindow(lang)
}

export default i18n
