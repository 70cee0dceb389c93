// ESLint rule `runlens/source-families`: a file in src/core/sources/<family>/ may import another file of its
// own family and anything outside src/core/sources/<…>/ (model, util, the registry), never another family
// (DESIGN.md §2). The family is the first folder below src/core/sources, so a layout such as
// mlflow/{shared,file,db} shares inside `mlflow`, while sibling folders such as mlflow-file and mlflow-db
// are separate. The import is resolved against the importing file, so `../x` and `../../sources/x` both count
// (no-restricted-imports only sees the literal string, which cannot say which folder it lands in).
import { dirname, resolve, sep } from 'node:path';

const SOURCES = `${sep}src${sep}core${sep}sources${sep}`;

/** The family a file belongs to, or undefined when it is not inside a format folder (e.g. sources/registry.ts). */
function familyOf(file) {
  const at = file.lastIndexOf(SOURCES);
  if (at < 0) return undefined;
  const below = file.slice(at + SOURCES.length).split(sep);
  return below.length > 1 ? { root: file.slice(0, at + SOURCES.length), family: below[0] } : undefined;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'One source format never imports another outside its family (DESIGN.md §2).' },
    schema: [],
    messages: {
      crossFamily:
        "src/core/sources/{{from}}/ may not import src/core/sources/{{to}}/: move what both need to src/core/util (or into a shared family folder).",
    },
  },
  create(context) {
    const own = familyOf(resolve(context.filename));
    if (!own) return {};
    const check = (node) => {
      const spec = node?.type === 'Literal' ? node.value : undefined;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = familyOf(resolve(dirname(resolve(context.filename)), spec));
      if (target && target.root === own.root && target.family !== own.family)
        context.report({ node, messageId: 'crossFamily', data: { from: own.family, to: target.family } });
    };
    return {
      ImportDeclaration: (n) => check(n.source),
      ExportNamedDeclaration: (n) => check(n.source),
      ExportAllDeclaration: (n) => check(n.source),
      ImportExpression: (n) => check(n.source),
      TSImportType: (n) => check(n.argument?.type === 'TSLiteralType' ? n.argument.literal : n.source),
      TSExternalModuleReference: (n) => check(n.expression),
    };
  },
};

export default { meta: { name: 'runlens' }, rules: { 'source-families': rule } };
