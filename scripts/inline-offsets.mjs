// A TypeScript transformer for the build: writes the value of each named integer constant
// (`export const I_HOST = 2`, an all-caps name bound once to an integer literal) in place of its
// uses, in the emitted JavaScript only. The source keeps one named definition per offset; the
// built package reads record fields at literal offsets, as V8 cannot fold a module binding (each
// use of an imported or module-level `const` loads it and checks it is initialised: about twice
// the instructions of a literal in the hot loops; see bench/README.md, issue 10, branch `loop`).
import ts from 'typescript';

const NAME = /^[A-Z][A-Z0-9_]*$/;

/** The integer a declaration binds, when it is `const NAME = <integer literal>` (or its negation). */
function integerOf(decl) {
  if (!ts.isVariableDeclaration(decl) || decl.initializer === undefined || !ts.isIdentifier(decl.name)) return undefined;
  if (!NAME.test(decl.name.text)) return undefined;
  const list = decl.parent;
  if (!ts.isVariableDeclarationList(list) || (list.flags & ts.NodeFlags.Const) === 0) return undefined;
  let e = decl.initializer, sign = 1;
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken) { sign = -1; e = e.operand; }
  if (!ts.isNumericLiteral(e)) return undefined;
  const v = sign * Number(e.text);
  return Number.isSafeInteger(v) ? v : undefined;
}

/** Whether `id` is read as a value here (not a declaration's name, a property name or an import/export specifier). */
function isValueUse(id) {
  const p = id.parent;
  if (p === undefined) return false;
  if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isFunctionDeclaration(p) || ts.isClassDeclaration(p) || ts.isBindingElement(p)) && p.name === id) return false;
  if ((ts.isPropertyAccessExpression(p) && p.name === id) || (ts.isPropertyAssignment(p) && p.name === id) || ts.isShorthandPropertyAssignment(p)) return false;
  if (ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p) || ts.isPropertySignature(p) || ts.isEnumMember(p)) return p.name !== id;
  if (ts.isImportSpecifier(p) || ts.isExportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p)) return false;
  if (ts.isTypeReferenceNode(p) || ts.isTypeQueryNode(p) || ts.isQualifiedName(p)) return false;
  // Assignments to it would be errors (it is const), but leave any write alone.
  if (ts.isBinaryExpression(p) && p.left === id && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return false;
  return true;
}

/**
 * The transformer factory for `program.emit(…, { before: [inlineOffsets(program)] })`.
 * @param {ts.Program} program
 * @returns {ts.TransformerFactory<ts.SourceFile>}
 */
export function inlineOffsets(program) {
  const checker = program.getTypeChecker();
  return (context) => {
    const visit = (node) => {
      if (ts.isIdentifier(node) && NAME.test(node.text) && isValueUse(node)) {
        let sym = checker.getSymbolAtLocation(node);
        if (sym !== undefined && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
        const decl = sym?.valueDeclaration;
        const v = decl === undefined ? undefined : integerOf(decl);
        if (v !== undefined) {
          const lit = ts.factory.createNumericLiteral(Math.abs(v));
          return v < 0 ? ts.factory.createParenthesizedExpression(ts.factory.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, lit)) : lit;
        }
      }
      return ts.visitEachChild(node, visit, context);
    };
    return (sf) => ts.visitNode(sf, visit);
  };
}
