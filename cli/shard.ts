import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { toPosix } from '../rules/core/config/config-resolver';

export interface Shard { index: number; count: number }

/**
 * Whether a file belongs to shard `index` of `count`. Decided by a hash of the project-relative
 * path, so every CI job agrees without coordination and adding a file moves no other file.
 */
export function inShard(filePath: string, cwd: string, shard: Shard): boolean {
  const digest = createHash('sha1').update(toPosix(path.relative(cwd, filePath))).digest();
  return digest.readUInt32BE(0) % shard.count === shard.index - 1;
}
