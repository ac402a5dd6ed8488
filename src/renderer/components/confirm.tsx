import { Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useSyncExternalStore, type ReactNode } from 'react'
import i18n from '../i18n'

/** One question on screen at a time; `ask` resolves with the person's answer. */
interface Question {
  title: string
  message: ReactNode
  confirmLabel: string
  danger: boolean
  resolve: (yes: boolean) => void
}

let current: Question | null = null
const listeners = new Set<() => void>()
const publish = (q: Question | null) => {
  current = q
  for (const l of listeners) l()
}

/** Asks in a modal (keyboard: Enter on the focused button, Esc cancels); false when cancelled. */
export function ask(q: { title: string; message: ReactNode; confirmLabel?: string; danger?: boolean }): Promise<boolean> {
  current?.resolve(false)
  return new Promise((resolve) =>
    publish({ title: q.title, message: q.message, confirmLabel: q.confirmLabel ?? i18n.t('action.confirm'), danger: q.danger ?? false, resolve }),
  )
}

/**
 * "Hapus … ?" naming exactly what goes, e.g. confirmDelete('kader Siti Aminah (NIK 3325…)').
 * Deleted rows become tombstones and can be restored from history; the message says so.
 */
export function confirmDelete(what: string, extra?: string): Promise<boolean> {
  return ask({
    title: i18n.t('confirm.deleteTitle'),
    message: (
      <Stack gap="xs">
        <Text>{i18n.t('confirm.deleteWhat', { what })}</Text>
        {extra && <Text size="sm">{extra}</Text>}
      </Stack>
    ),
    confirmLabel: i18n.t('action.delete'),
    danger: true,
  })
}

/** Mounted once in main.tsx. */
export function ConfirmHost() {
  const q = useSyncExternalStore(
    (l) => (listeners.add(l), () => listeners.delete(l)),
    () => current,
  )
  const answer = (yes: boolean) => {
    q?.resolve(yes)
    publish(null)
  }
  return (
    <Modal opened={!!q} onClose={() => answer(false)} title={q?.title} centered zIndex={400} data-testid="confirm-dialog">
      <Stack>
        {typeof q?.message === 'string' ? <Text>{q.message}</Text> : q?.message}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => answer(false)}>{i18n.t('action.cancel')}</Button>
          <Button color={q?.danger ? 'red' : undefined} onClick={() => answer(true)} data-autofocus>{q?.confirmLabel}</Button>
        </Group>
      </Stack>
    </Modal>
  )
}
