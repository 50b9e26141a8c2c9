/**
 * What editors need beyond compiling: the tokens with positions and categories, the cursor's context for
 * completion, the roles of names for hover, and the declarations and references of a file for the outline and
 * go-to-definition. Used by @plas/language-server; no part of the compile pipeline depends on it.
 */
export { keywordNames, lexTokens, isWord, type EditorToken, type TokenCategory } from './lexicon.ts';
export { cursorContext, tokenAt, tokenRole, type Block, type CatalogKind, type CursorContext, type Expectation, type TokenRole } from './context.ts';
export { declarations, references, streamAmounts, type Declaration, type DeclarationKind, type Reference, type ReferenceKind } from './symbols.ts';
/** The syntax tree's types, as a namespace (`ast.FileAst`), for code that walks `parseSource(...).ast`. */
export type * as ast from '../ast.ts';
