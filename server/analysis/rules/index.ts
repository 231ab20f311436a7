/** Every rule, in the order findings are reported. */
import { alwaysTrueWhere } from './always-true-where';
import { destructiveDdl } from './destructive-ddl';
import { guardSetting } from './guard-setting';
import { missingWhere } from './missing-where';
import { nonRollbackEffect } from './non-rollback-effect';
import { nonTransactional } from './non-transactional';
import { DirectiveRule, Rule } from './rule';
import { badDirective } from './bad-directive';
import { syntaxError } from './syntax-error';
import { transactionControl } from './transaction-control';
import { truncate } from './truncate';
import { unverifiable } from './unverifiable';

export const RULES: readonly Rule[] = [
  missingWhere,
  alwaysTrueWhere,
  truncate,
  unverifiable,
  syntaxError,
  destructiveDdl,
  nonTransactional,
  transactionControl,
  nonRollbackEffect,
  guardSetting,
];

/** Every rule with its id, summary and examples, the directive rule included (docs, SARIF, tests). */
export const RULE_INFO: ReadonlyArray<Rule | DirectiveRule> = [...RULES, badDirective];
