import { Alert, Stack, Title } from '@mantine/core'
import { IconTools } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'

export function ComingSoon({ titleKey }: { titleKey: string }) {
  const { t } = useTranslation()
  return (
    <Stack>
      <Title order={2}>{t(titleKey)}</Title>
      <Alert icon={<IconTools />} color="gray">
        {t('state.comingSoon')}
      </Alert>
    </Stack>
  )
}
