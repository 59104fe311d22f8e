import type { FormatName } from '../args';
import type { Formatter } from './format-input';
import { github } from './github';
import { gitlab } from './gitlab';
import { json } from './json';
import { html } from './html';
import { junit } from './junit';
import { sarif } from './sarif';
import { stylish } from './stylish';

export const formatters: Record<FormatName, Formatter> = { stylish, json, sarif, junit, gitlab, github, html };
