#!/usr/bin/env node
// opslint-language-server --stdio | --node-ipc | --socket=N: the language server for any LSP editor (out/, built by npm run build).
'use strict';
require('../out/server/main.js');
