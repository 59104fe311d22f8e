import type { FormatName } from '../args';
import type { Formatter } from './format-input';
import { json } from './json';
import { sarif } from './sarif';
import { stylish } from './stylish';

export const formatters: Record<FormatName, Formatter> = { stylish, json, sarif };
