// Filled in later: see README 'Benchmarks'.
console.log('bench/lsp.mjs: no benchmark yet');
