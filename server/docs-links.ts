/**
 * Docs links that open offline: a diagnostic's link and "Show documentation" point at the rule's
 * page shipped beside the server, `docs/rules/<category>/<rule>.md`, as a file URL. The folder is
 * found once, when the server loads, from where its code runs: `out/server/` in a clone or the
 * installed npm package (docs/ two levels up), `dist/` in the .vsix (one level up). A rule with no
 * shipped page (the tests' rules, a rule added without docs) keeps its `meta.docs.url`.
 *
 * The design choice (issue 14): the page that ships with the code is the link, so it works with no
 * network and always matches the installed version. `meta.docs.url` stays the project's web
 * address, for reports read elsewhere (SARIF `helpUri`, the HTML report, ESLint).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

interface ShippedDocs {
  dir: string;
  /** `<category>/<rule>` of every page. */
  ids: ReadonlySet<string>;
}

function findShippedDocs(from: string): ShippedDocs | undefined {
  for (const dir of [path.resolve(from, '..', 'docs', 'rules'), path.resolve(from, '..', '..', 'docs', 'rules')]) {
    try {
      const ids = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory())
        .flatMap((category) => fs.readdirSync(path.join(dir, category.name)).filter((f) => f.endsWith('.md')).map((f) => `${category.name}/${f.slice(0, -3)}`));
      if (ids.length > 0) return { dir, ids: new Set(ids) };
    } catch {
      // not this layout
    }
  }
  return undefined;
}

/** Read once at load; never changes while the server runs. */
const SHIPPED_DOCS = findShippedDocs(__dirname);

/** The file URL of the rule's shipped page, or undefined when none ships. */
export function shippedDocsUrl(ruleId: string): string | undefined {
  if (!SHIPPED_DOCS?.ids.has(ruleId)) return undefined;
  return pathToFileURL(path.join(SHIPPED_DOCS.dir, `${ruleId}.md`)).toString();
}
