import { Alert, Box, Button, Group, Loader, Text } from '@mantine/core'
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiError } from '../api'

/**
 * Loading, error and empty states of one async view, the same everywhere: a loader (with
 * the old content dimmed when reloading, so old numbers are not mistaken for new ones), a red
 * message with "try again", or the view's own empty text.
 */
export function LoadState(props: {
  loading: boolean
  error: ApiError | null
  hasData: boolean
  empty?: boolean
  emptyText?: ReactNode
  reload?: () => void
  children?: ReactNode
}) {
  const { t } = useTranslation()
  if (props.error) {
    return (
      <Alert color="red" icon={<IconAlertTriangle />} title={t('state.error')} data-testid="load-error">
        <Group justify="space-between">
          <Text size="sm">{props.error.message}</Text>
          {props.reload && <Button size="xs" variant="white" color="red" leftSection={<IconRefresh size={14} />} onClick={props.reload}>{t('state.retry')}</Button>}
        </Group>
      </Alert>
    )
  }
  if (!props.hasData) {
    return props.loading ? (
      <Group gap="xs" data-loading="true" py="sm"><Loader size="sm" /><Text size="sm" c="dimmed">{t('state.loading')}</Text></Group>
    ) : null
  }
  if (props.empty && !props.loading) return <Text c="dimmed">{props.emptyText ?? t('state.empty')}</Text>
  return (
    <Box pos="relative" aria-busy={props.loading}>
      {props.loading && (
        <Group gap="xs" pos="absolute" top={4} right={4} style={{ zIndex: 2 }} data-loading="true">
          <Loader size="xs" /><Text size="xs" c="dimmed">{t('state.loading')}</Text>
        </Group>
      )}
      <Box style={{ opacity: props.loading ? 0.45 : 1, transition: 'opacity 120ms' }}>{props.children}</Box>
    </Box>
  )
}

/**
 * The status of one `useOp` result, for views that render their own content: a red message with
 * "try again" on error; while loading, a small loader in the corner that takes no room, so
 * nothing on the page moves when the data arrives (a click aimed at a button stays on it).
 */
export function OpState({ op }: { op: { loading: boolean; error: ApiError | null; data: unknown; reload: () => Promise<void> } }) {
  const { t } = useTranslation()
  if (op.error) return <LoadState loading={false} error={op.error} hasData={false} reload={() => void op.reload()} />
  return (
    <Box pos="relative" h={0} aria-live="polite">
      {op.loading && (
        <Group gap={6} pos="absolute" top={0} right={0} style={{ zIndex: 3 }} data-loading="true" bg="var(--mantine-color-body)" px={6}>
          <Loader size="xs" />
          <Text size="xs" c="dimmed">{t('state.loading')}</Text>
        </Group>
      )}
    </Box>
  )
}
