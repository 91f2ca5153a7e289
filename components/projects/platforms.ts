// Platforms a project can be created for (Sentry's platform ids), and which setup snippet each starts with.
export const PLATFORMS = [
  { id: 'javascript', name: 'JavaScript (browser)' },
  { id: 'node', name: 'Node.js' },
  { id: 'python', name: 'Python' },
  { id: 'java', name: 'Java' },
  { id: 'go', name: 'Go' },
  { id: 'csharp', name: '.NET' },
  { id: 'php', name: 'PHP' },
  { id: 'ruby', name: 'Ruby' },
  { id: 'other', name: 'Other' },
] as const;

export function platformName(id: string | null | undefined): string {
  return PLATFORMS.find((p) => p.id === id)?.name ?? id ?? 'Other';
}
