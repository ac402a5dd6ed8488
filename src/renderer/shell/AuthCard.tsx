import { Card, Center, Stack, Text, Title } from '@mantine/core'
import type { FormEventHandler, ReactNode } from 'react'
import type { Office } from '../../shared/contract/app'

/** The centred card every screen before login uses: office name, title, an optional intro, the form. */
export function AuthCard(props: { office: Office; title: string; intro?: string; width?: number; onSubmit: FormEventHandler<HTMLFormElement>; children: ReactNode }) {
  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Card withBorder shadow="sm" w={props.width ?? 480} p="xl">
        <form onSubmit={props.onSubmit}>
          <Stack>
            <div>
              <Text c="teal.8" fw={700} size="sm">Simpul · {props.office.name}</Text>
              <Title order={2}>{props.title}</Title>
            </div>
            {props.intro && <Text size="sm">{props.intro}</Text>}
            {props.children}
          </Stack>
        </form>
      </Card>
    </Center>
  )
}
