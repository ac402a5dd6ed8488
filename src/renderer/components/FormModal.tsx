import { Button, Group, Modal, type ModalProps } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react'
import { confirmLeave } from './leaveGuard'

/**
 * Nothing lost by a click, for forms in a modal: closing it (×, Esc, a click beside it) while
 * the form has changes asks first, as leaving a page does (`leaveGuard`). The form says it has
 * changes either through `dirty` here (a modal that is the form) or with `useFormDirty` /
 * `useDirtySince` inside (a form component placed in the modal).
 */
const Report = createContext<((dirty: boolean) => void) | null>(null)

export function FormModal({ dirty = false, onClose, children, ...props }: ModalProps & { dirty?: boolean }) {
  const inner = useRef(false)
  const report = useCallback((d: boolean) => void (inner.current = d), [])
  const close = async () => {
    if (!(await confirmLeave(dirty || inner.current))) return
    inner.current = false
    onClose()
  }
  return (
    <Modal {...props} onClose={() => void close()}>
      <Report.Provider value={report}>{children}</Report.Provider>
    </Modal>
  )
}

/**
 * In a form shown in a FormModal: `dirty` = changes not yet saved. The page's leave guard is
 * not involved: the modal's overlay keeps the menu out of reach, and a form that navigates
 * after saving (a new regulation opens its page) must not be asked about its own changes.
 */
export function useFormDirty(dirty: boolean) {
  const report = useContext(Report)
  useEffect(() => {
    report?.(dirty)
    return () => report?.(false)
  }, [dirty, report])
}

/** The form's values differ from those it opened with (compared as JSON). */
export function useDirtySince(values: unknown): boolean {
  const [initial] = useState(() => JSON.stringify(values))
  const dirty = JSON.stringify(values) !== initial
  useFormDirty(dirty)
  return dirty
}

/**
 * A form a person may only read (their role cannot save it): every field inside is disabled
 * by the browser itself (a disabled fieldset), so nothing looks editable that cannot be saved.
 */
export function Fields({ editable, children }: { editable: boolean; children: React.ReactNode }) {
  return (
    <fieldset disabled={!editable} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }} data-readonly={!editable || undefined}>
      {children}
    </fieldset>
  )
}

/** A "Batal" button of a modal form: asks first when there are changes, then closes. */
export const cancelAsking = (dirty: boolean, close: () => void) => () => void confirmLeave(dirty).then((yes) => yes && close())

/** The foot of a modal form: "Batal" (asks first when there are changes) and the form's own action ("Simpan" unless named). */
export function ModalButtons({ dirty, onClose, onSubmit, label }: { dirty: boolean; onClose: () => void; onSubmit: () => unknown; label?: string }) {
  const { t } = useTranslation()
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={cancelAsking(dirty, onClose)}>{t('action.cancel')}</Button>
      <Button onClick={() => void onSubmit()}>{label ?? t('action.save')}</Button>
    </Group>
  )
}
