/**
 * Typed views of libpg-query's parse tree, from `@pgsql/types`. libpg-query returns JSON in which
 * every node is a one-key object, `{ "UpdateStmt": { … } }`; these types name the key (the node's
 * kind) and its fields, so rules read fields the compiler knows about.
 */
import type { Node as PgNode } from '@pgsql/types';

export type { PgNode };

type KeysOfUnion<T> = T extends unknown ? keyof T : never;

/** Every node kind, e.g. `'UpdateStmt' | 'A_Const' | …`. */
export type NodeKind = KeysOfUnion<PgNode>;

/** The fields of a node of kind K. */
export type NodeOf<K extends NodeKind> = K extends NodeKind ? Extract<PgNode, Record<K, unknown>>[K] : never;

/** Statement kinds: the nodes that PostgreSQL executes as a statement. */
export type StmtKind = Extract<NodeKind, `${string}Stmt`>;

/** The kind of a node and its fields, as one value. */
export type Tagged = { [K in NodeKind]: { kind: K; node: NodeOf<K> } }[NodeKind];

/** Splits a node into its kind and its fields. */
export function tag(n: PgNode): Tagged {
  for (const kind in n) return { kind, node: (n as Record<string, unknown>)[kind] } as Tagged;
  throw new Error('an empty parse-tree node');
}

/** The fields of `n` when it is a node of kind K, else undefined. */
export function nodeAs<K extends NodeKind>(n: PgNode | undefined, kind: K): NodeOf<K> | undefined {
  if (!n || !(kind in n)) return undefined;
  return (n as unknown as Record<K, NodeOf<K>>)[kind];
}

/** The `sval` of a String node (names are lists of them), else undefined. */
export function stringOf(n: PgNode | undefined): string | undefined {
  return nodeAs(n, 'String')?.sval;
}
