// A CommonJS user: `require` by package name, then the shared example.
'use strict';
const asyncio = require('rxjs-asyncio');
const rxjs = require('rxjs');
const example = require('./example.cjs');

example.runExamples(asyncio, rxjs).then(
  (report) =>
    console.log(
      JSON.stringify({
        names: Object.keys(asyncio)
          .filter((n) => n !== '__esModule')
          .sort(),
        report,
      }),
    ),
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
