// Organization roles and their order: member < admin < manager < owner.
export const ROLES = ['member', 'admin', 'manager', 'owner'] as const;
export type RoleName = (typeof ROLES)[number];

export function isRole(v: string): v is RoleName {
  return (ROLES as readonly string[]).includes(v);
}

export function roleAtLeast(role: RoleName, min: RoleName): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(min);
}
