import { ActionIcon, AppShell, Badge, Center, Group, Loader, NavLink, ScrollArea, Stack, Text, Title, Tooltip } from '@mantine/core'
import { IconLogout } from '@tabler/icons-react'
import { ROLE_LABEL } from '../../shared/contract/roles'
import { useSession } from '../session'
import { Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import type { Office } from '../../shared/contract/app'
import { areas } from '../areas'
import { href, useRoute } from '../router'

export function Shell({ office }: { office: Office }) {
  const { t } = useTranslation()
  const route = useRoute()
  const session = useSession()
  // An area a role cannot read is not offered at all (the dispatcher refuses it anyway).
  const visible = areas.filter((a) => (!a.levels || a.levels.includes(office.level)) && (!a.needs || session.can(a.needs)))
  const current = visible.find((a) => a.id === route[0]) ?? visible[0]
  const Area = current.component
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 0 }} padding="md">
      <AppShell.Header className="no-print">
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Title order={3} c="teal.8">Simpul</Title>
            <Text size="sm" c="dimmed" visibleFrom="md">{t('app.tagline')}</Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Badge variant="light" color={office.level === 'kabupaten' ? 'grape' : 'teal'}>{office.level}</Badge>
            <Text size="sm" fw={600} data-testid="office-name">{office.name}</Text>
            <Text size="sm" c="dimmed">{office.wilayahCode}</Text>
            <Text size="sm" ml="md" data-testid="current-user">{session.user.displayName}</Text>
            <Badge variant="outline" color="gray" data-testid="current-role">{ROLE_LABEL[session.user.role]}</Badge>
            <Tooltip label={t('login.logout')}>
              <ActionIcon variant="subtle" aria-label={t('login.logout')} onClick={() => void session.logout()}><IconLogout size={18} /></ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" className="no-print">
        <ScrollArea>
          <Stack gap={2}>
            {visible.map((a) => (
              <NavLink key={a.id} href={href(a.id)} label={t(`nav.${a.id}`)} leftSection={<a.icon size={20} stroke={1.6} />} active={a.id === current.id} />
            ))}
          </Stack>
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        {/* Areas load their screens lazily, so an old PC starts with the shell only. */}
        <Suspense fallback={<Center h={200}><Loader /></Center>}>
          <Area path={route.slice(1)} />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  )
}
