import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { HonorStatus } from '../../../shared/contract/honor'

const COLOR: Record<HonorStatus, string> = { draft: 'gray', verified: 'cyan', final: 'blue', paid: 'green', cancelled: 'red' }

export function StatusBadge({ status }: { status: HonorStatus }) {
  const { t } = useTranslation('honor')
  return <Badge color={COLOR[status]} variant="light">{t(`status.${status}`)}</Badge>
}
