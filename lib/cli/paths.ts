// Where the checkout is, wherever the command was started from.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const dataDir = process.env.FAULTLINE_DATA_DIR ?? path.join(projectRoot, '.data');
