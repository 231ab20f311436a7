// tsconfig uses `moduleResolution: node`, which ignores package "exports"; this maps the exported
// subpath to its typings so the type checker sees what esbuild bundles.
declare module 'vscode-languageclient/node' {
  export * from 'vscode-languageclient/lib/node/main';
}
