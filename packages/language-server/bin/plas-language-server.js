#!/usr/bin/env node
// A committed launcher for the compiled server: pnpm links a workspace dependency's bin at install, before
// dist/ is built, and a bin pointing into dist/ would fail to link (with a warning) on a fresh clone.
import '../dist/bin.js';
