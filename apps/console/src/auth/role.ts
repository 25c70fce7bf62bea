/** viewer looks; operator also acts (redrive, replay). */
export const ROLES = ['viewer', 'operator'] as const;
export type Role = (typeof ROLES)[number];
