/**
 * The queues of an e-commerce service desk that intent routing targets. Hub queues are
 * configured per deployment; the router maps these ids onto them.
 */
export const SERVICE_QUEUES = ['logistics', 'returns', 'billing', 'product', 'account'] as const;
export type ServiceQueue = (typeof SERVICE_QUEUES)[number];

export function isServiceQueue(value: string): value is ServiceQueue {
  return (SERVICE_QUEUES as readonly string[]).includes(value);
}
