/** Every rule, in the order findings are reported. */
import { alwaysTrueWhere } from './always-true-where';
import { destructiveDdl } from './destructive-ddl';
import { missingWhere } from './missing-where';
import { nonTransactional } from './non-transactional';
import { Rule } from './rule';
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
];
