#!/usr/bin/env node
// opslint-language-server --stdio | --node-ipc: the bundled server (npm run build makes it).
require('../dist/server.js');
