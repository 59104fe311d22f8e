import * as fs from 'node:fs';
import * as path from 'node:path';

/** What a file's nearest package.json says about it: plain data, so it crosses to the lint thread. */
export interface ManifestHints {
  /** The file is a `bin` target, or a file a package.json script runs (`node scripts/seed.js`). */
  runBy?: { kind: 'bin' | 'script'; name: string };
  /**
   * `ui`: the package depends on a front-end framework and on no server framework or Node service
   * library, so its code runs in a browser. `cli`: it has a `bin`, depends on no server or service
   * library, no `bin` target starts a server and no `start`-like script runs a file, so its code
   * runs in a command a user types.
   * `other`: anything else.
   */
  packageKind: 'ui' | 'cli' | 'other';
  /**
   * The package serves its app through a serverless adapter (`serverless-http`, ...), and this file
   * is not its `main`: the platform owns the process, so a server this file starts runs locally only.
   */
  serverlessAdapter?: string;
}

/** The scripts that start the long-running process itself: the files they run are service entries. */
export const SERVICE_SCRIPT = /^(start|serve|server|dev|develop|prod|production|watch)(:\w+)?$/;

/** Adapters that run an HTTP app as a function on a serverless platform. */
const SERVERLESS_ADAPTERS = ['serverless-http', '@vendia/serverless-express', '@codegenie/serverless-express', 'aws-serverless-express', '@fastify/aws-lambda', '@h4ad/serverless-adapter'];

const UI_FRAMEWORKS = ['react-dom', 'vue', 'svelte', '@sveltejs/kit', '@angular/core', 'preact', 'solid-js', 'lit'];
/** Dependencies that only a process serving requests or consuming messages has. */
const SERVICE_LIBRARIES = [
  'express', 'fastify', 'koa', '@nestjs/core', '@hapi/hapi', 'hapi', 'restify', 'socket.io', 'ws', 'discord.js',
  'telegraf', 'grammy', '@slack/bolt', 'pg', 'mysql2', 'mongodb', 'mongoose', 'knex', '@prisma/client', 'typeorm', 'sequelize',
  'ioredis', 'redis', 'amqplib', 'kafkajs', 'bullmq', 'bull', 'next', 'nuxt', 'hono', 'polka', 'micro', '@apollo/server',
  'apollo-server', 'graphql-yoga', 'node-cron', 'cron', 'node-schedule', 'agenda', ...SERVERLESS_ADAPTERS,
];
/** A `bin` target that listens is a server's launcher, not a one-shot command. */
const STARTS_SERVER = /\.listen\(|\bcreateServer\(/;
const CODE_FILE = /\.[cm]?[jt]sx?$/;
const CODE_EXTENSIONS = ['', '.js', '.ts', '.mjs', '.cjs', '.mts', '.cts'];

interface PackageJson {
  name?: string;
  main?: string;
  bin?: string | Record<string, string>;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  /** Prisma's seed command lives here, not in `scripts`. */
  prisma?: { seed?: string };
}

interface Manifest {
  dir: string;
  main?: string;
  serverlessAdapter?: string;
  runBy: Map<string, NonNullable<ManifestHints['runBy']>>;
  packageKind: ManifestHints['packageKind'];
}

/**
 * Reads the package.json files of a project, once each, and answers for a file what its nearest
 * one says (`bin`, `scripts`, dependencies). Lives as long as the ConfigResolver that owns it.
 */
export class PackageManifests {
  private readonly byDir = new Map<string, Manifest | null>();

  constructor(private readonly root: string) {}

  hintsFor(filePath: string): ManifestHints {
    const file = path.resolve(filePath);
    const manifest = this.nearest(path.dirname(file));
    if (!manifest) return { packageKind: 'other' };
    const runBy = manifest.runBy.get(file);
    const local = manifest.serverlessAdapter && file !== manifest.main ? { serverlessAdapter: manifest.serverlessAdapter } : {};
    return { ...(runBy ? { runBy } : {}), packageKind: manifest.packageKind, ...local };
  }

  /** The folder of the file's nearest package.json (the package it belongs to), or undefined when none is inside the root. */
  packageDirOf(filePath: string): string | undefined {
    return this.nearest(path.dirname(path.resolve(filePath)))?.dir;
  }

  /** Whether the file is its package's `main`: the module `node .` starts. */
  isMain(filePath: string): boolean {
    const file = path.resolve(filePath);
    return this.nearest(path.dirname(file))?.main === file;
  }

  private nearest(dir: string): Manifest | null {
    const known = this.byDir.get(dir);
    if (known !== undefined) return known;
    const own = readManifest(dir);
    const parent = path.dirname(dir);
    const atTop = dir === parent || path.relative(this.root, dir).startsWith('..');
    const found = own ?? (atTop ? null : this.nearest(parent));
    this.byDir.set(dir, found);
    return found;
  }
}

function readManifest(dir: string): Manifest | null {
  let json: PackageJson;
  try {
    json = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
  } catch {
    // No package.json here (or not JSON): the next folder up decides, as npm's own lookup does.
    return null;
  }
  if (typeof json !== 'object' || json === null) return null;
  const runBy = new Map<string, NonNullable<ManifestHints['runBy']>>();
  // A string `bin` is a command named after the package, as npm installs it.
  const bins = typeof json.bin === 'string' ? { [json.name ?? path.basename(dir)]: json.bin } : (json.bin ?? {});
  for (const [name, target] of Object.entries(bins)) {
    if (typeof target === 'string') runBy.set(path.resolve(dir, target), { kind: 'bin', name });
  }
  const commands = { ...json.scripts, ...(typeof json.prisma?.seed === 'string' ? { 'prisma seed': json.prisma.seed } : {}) };
  for (const [name, command] of Object.entries(commands)) {
    if (typeof command !== 'string') continue;
    for (const file of filesRunBy(command, dir)) if (!runBy.has(file)) runBy.set(file, { kind: 'script', name });
  }
  const deps = { ...json.peerDependencies, ...json.devDependencies, ...json.dependencies };
  const serves = SERVICE_LIBRARIES.some((name) => name in deps);
  const ui = UI_FRAMEWORKS.some((name) => name in deps) && !serves;
  const launchers = [...runBy.values()];
  // A `start` (or `serve`, ...) script that runs a file is a long-running process's entry: not a one-shot command.
  const cli = !ui && !serves && launchers.some((r) => r.kind === 'bin') && !launchers.some((r) => r.kind === 'script' && SERVICE_SCRIPT.test(r.name)) && !binStartsServer(runBy);
  const serverlessAdapter = SERVERLESS_ADAPTERS.find((name) => name in deps);
  const main = typeof json.main === 'string' ? resolveCodeFile(path.resolve(dir, json.main)) : undefined;
  return { dir, runBy, packageKind: ui ? 'ui' : cli ? 'cli' : 'other', ...(serverlessAdapter ? { serverlessAdapter } : {}), ...(main ? { main } : {}) };
}

/** Whether a `bin` target's text starts a server (a bin target not built yet cannot be read, and does not count). */
function binStartsServer(runBy: ReadonlyMap<string, NonNullable<ManifestHints['runBy']>>): boolean {
  for (const [file, by] of runBy) {
    if (by.kind !== 'bin') continue;
    try {
      if (STARTS_SERVER.test(fs.readFileSync(file, 'utf8'))) return true;
    } catch {
      // Missing (`build/cli.js` before a build) or unreadable: nothing to tell from it.
    }
  }
  return false;
}

/** The source files a script command names (`node scripts/a.js && tsx src/seed.ts`) that exist. */
function filesRunBy(command: string, dir: string): string[] {
  const files: string[] = [];
  for (const token of command.split(/[\s;&|()'"]+/)) {
    if (!token || token.startsWith('-') || token.includes('=') || token.includes('*') || /^[a-z]+:/i.test(token)) continue;
    if (!token.includes('/') && !CODE_FILE.test(token)) continue;
    const file = resolveCodeFile(path.resolve(dir, token));
    if (file) files.push(file);
  }
  return files;
}

/** `src/seed` → `src/seed.js` (or `.ts`, ...), as Node and ts-node would find it. */
function resolveCodeFile(base: string): string | undefined {
  const direct = CODE_EXTENSIONS.map((extension) => base + extension).find((candidate) => CODE_FILE.test(candidate) && isFile(candidate));
  // `"main": "src/"` is the folder's index, as Node resolves it.
  return direct ?? CODE_EXTENSIONS.slice(1).map((extension) => path.join(base, `index${extension}`)).find(isFile);
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
