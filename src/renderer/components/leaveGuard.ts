import { useEffect } from 'react'
import i18n from '../i18n'
import { ask } from './confirm'

/**
 * Nothing lost by a click: while a form has unsaved changes, leaving it — a menu item, a tab
 * that is a route, the back button, closing the window — asks first.
 */
let dirtyForms = 0
/** Modal forms with changes: only closing the window asks for them (their overlay keeps the menu out of reach). */
let dirtyModals = 0

/** Counts a form in (`add(+1)`) while it has changes, and out again when it has none or is gone. */
function useCountWhile(dirty: boolean, add: (n: 1 | -1) => void) {
  useEffect(() => {
    if (!dirty) return
    add(1)
    return () => add(-1)
  }, [dirty, add])
}
const countForm = (n: 1 | -1) => (dirtyForms = Math.max(0, dirtyForms + n))
const countModal = (n: 1 | -1) => (dirtyModals = Math.max(0, dirtyModals + n))

const leave = () =>
  ask({ title: i18n.t('confirm.leaveTitle'), message: i18n.t('confirm.leaveMessage'), confirmLabel: i18n.t('confirm.leaveGo'), danger: true })

let lastHash = window.location.hash
let asking = false

// Links (<a href="#/…">): stop the click before the hash changes, ask, then go.
document.addEventListener(
  'click',
  (e) => {
    if (dirtyForms === 0 || e.defaultPrevented || e.button !== 0) return
    const a = (e.target as Element | null)?.closest?.('a[href^="#/"]') as HTMLAnchorElement | null
    if (!a || a.getAttribute('href') === window.location.hash) return
    e.preventDefault()
    e.stopPropagation()
    const target = a.getAttribute('href')!
    void leave().then((yes) => {
      if (yes) {
        dirtyForms = 0
        window.location.hash = target
      }
    })
  },
  true,
)

// Anything else that changes the hash (back button, navigate()): put it back, ask, then go.
window.addEventListener(
  'hashchange',
  (e) => {
    const next = window.location.hash
    if (dirtyForms === 0 || asking) {
      lastHash = next
      return
    }
    e.stopImmediatePropagation()
    history.replaceState(null, '', lastHash || '#/')
    asking = true
    void leave().then((yes) => {
      asking = false
      if (yes) {
        dirtyForms = 0
        window.location.hash = next
      }
    })
  },
  true,
)

// Closing the window or reloading: the browser's own question (Electron shows it as a dialog).
window.addEventListener('beforeunload', (e) => {
  if (dirtyForms > 0 || dirtyModals > 0) {
    e.preventDefault()
    e.returnValue = ''
  }
})

/** Call in a form with `dirty` = it has changes not yet saved. */
export function useLeaveGuard(dirty: boolean) {
  useCountWhile(dirty, countForm)
}

/** For in-page switches that are not routes (Mantine Tabs, closing a modal): true when it is fine to go on. */
export async function confirmLeave(dirty: boolean): Promise<boolean> {
  return !dirty || (await leave())
}

/** After a successful save: the form is about to navigate away on purpose. */
export function allowLeave() {
  dirtyForms = 0
}

/** In a modal form: closing the window or reloading while it has changes asks first. */
export function useUnloadGuard(dirty: boolean) {
  useCountWhile(dirty, countModal)
}
