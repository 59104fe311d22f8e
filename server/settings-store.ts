import { LRUCache } from 'lru-cache';
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, normalizeSettings, SETTINGS_SECTION, type Settings } from './protocol';

/**
 * Per-resource settings pulled with `workspace/configuration`, cached as promises (one request per
 * resource however many lints ask) and dropped on `workspace/didChangeConfiguration`. Clients
 * without the request (some Vim setups) get the defaults, or what they pushed in the notification.
 * Bounded: a long session visits many files, and a language server must not grow without limit.
 */
/** Enough for every open editor and then some; an evicted entry costs one more request. */
const MAX_CACHED_RESOURCES = 500;

export class SettingsStore {
  private readonly byResource = new LRUCache<string, Promise<Settings>>({ max: MAX_CACHED_RESOURCES });
  private pushed: Settings = { ...DEFAULT_SETTINGS };

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
  ) {}

  get(resource: string): Promise<Settings> {
    if (!this.canPull) return Promise.resolve(this.pushed);
    let settings = this.byResource.get(resource);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: resource, section: SETTINGS_SECTION }).then(normalizeSettings);
      this.byResource.set(resource, settings);
    }
    return settings;
  }

  /** `pushedSettings` is the notification's `settings` (the whole tree, `{ opslint: ... }`), if any. */
  invalidate(pushedSettings?: unknown): void {
    this.byResource.clear();
    if (pushedSettings && typeof pushedSettings === 'object') this.pushed = normalizeSettings((pushedSettings as Record<string, unknown>)[SETTINGS_SECTION]);
  }
}
