/**
 * The webpack loader both builds use for TypeScript: esbuild strips the types (no type checking
 * here: that is `npm run typecheck`) and keeps ES modules and today's syntax, so webpack can
 * concatenate and tree-shake; LowerSyntaxPlugin (webpack.base.js) lowers each finished script.
 */
const esbuild = require("esbuild");

module.exports = function esbuildLoader(source) {
  const callback = this.async();
  esbuild
    .transform(source, {
      loader: "ts",
      target: "esnext",
      sourcemap: "external",
      sourcefile: this.resourcePath,
      sourcesContent: true,
      // tsconfig.json targets ES2022, where class fields have define semantics: keep them.
      tsconfigRaw: { compilerOptions: { useDefineForClassFields: true } },
    })
    .then((result) => callback(null, result.code, result.map ? JSON.parse(result.map) : undefined), callback);
};
