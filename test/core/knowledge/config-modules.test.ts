import * as assert from 'node:assert/strict';
import { isConfigModulePath, isDeployedConfiguration, validatesEnvironment } from '../../../rules/core/knowledge/config-modules';
import type { EnvReadFact, ImportFact } from '../../../rules/core/project/module-facts';

const span = { line: 1, column: 1, endLine: 1, endColumn: 2 };
const imported = (specifier: string): ImportFact => ({ specifier, kind: 'import', typeOnly: false, elidable: false, span });

describe('knowledge: config modules', () => {
  it('knows config modules by their names and folders', () => {
    for (const path of ['src/config.ts', 'src/env.js', 'src/load-config.js', 'apps/api/src/services/configuration/configuration.service.ts', 'src/node/utils/Settings.ts', 'src/environments/environment.prod.ts', 'src/config/index.ts', 'config/database.js', 'src/appConfig.ts', 'knexfile.js', 'ormconfig.ts']) {
      assert.equal(isConfigModulePath(path), true, path);
    }
    for (const path of ['src/http.js', 'src/lib/envelope.ts', 'src/sentry-init.js', 'src/dotenv-loader.ts', 'src/prisma/prisma-client.ts']) {
      assert.equal(isConfigModulePath(path), false, path);
    }
  });

  it('a module that validates the whole environment with a schema library', () => {
    const whole: EnvReadFact = { span };
    assert.equal(validatesEnvironment({ envReads: [whole], imports: [imported('envalid')] }), true);
    assert.equal(validatesEnvironment({ envReads: [whole], imports: [imported('zod/v4')] }), true);
    assert.equal(validatesEnvironment({ envReads: [{ ...whole, use: 'forward' }], imports: [imported('zod')] }), false, 'an environment handed to a child process');
    assert.equal(validatesEnvironment({ envReads: [{ name: 'PORT', span }], imports: [imported('zod')] }), false, 'one variable read beside a request schema');
  });

  it('tells deployed configuration from platform and test variables', () => {
    for (const name of ['DATABASE_URL', 'PORT', 'SENTRY_DSN', 'UPTIME_KUMA_IS_CONTAINER']) assert.equal(isDeployedConfiguration(name), true, name);
    for (const name of ['HOME', 'npm_package_version', 'AWS_LAMBDA_FUNCTION_NAME', 'ProgramFiles(x86)', 'TEST_BACKEND', 'JEST_WORKER_ID', 'DEBUG_SQL']) assert.equal(isDeployedConfiguration(name), false, name);
  });
});
