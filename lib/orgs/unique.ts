// Turns a unique-constraint race (two requests creating the same slug at once) into a 409 instead of a 500.
import { HttpError } from '../api/respond.ts';

export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'P2002';
}

export async function conflictOn<T>(work: Promise<T>, detail: string): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (isUniqueViolation(e)) throw new HttpError(409, detail);
    throw e;
  }
}
