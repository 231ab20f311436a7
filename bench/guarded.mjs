// Filled in later: see README 'Benchmarks'.
console.log('bench/guarded.mjs: no benchmark yet');
