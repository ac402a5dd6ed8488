import { notifications } from '@mantine/notifications'

export const notifyDone = (message: string) => notifications.show({ color: 'green', message })
