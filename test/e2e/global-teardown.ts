import { join } from 'node:path';
import { deleteAll } from '../support/sandboxes';

export default function globalTeardown(): void {
  const dataDir = process.env.DESK_E2E_DATA_DIR;
  if (dataDir) deleteAll(join(dataDir, 'root'));
}
