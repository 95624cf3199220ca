/**
 * Interface texts of features/treasury/ledger (zh-CN). The treasurer's screens speak of
 * money in and out of accounts — 收入/支出/转入/转出 — never of 借/贷; the
 * voucher's words and labels come from main (shared/domain/voucher.ts).
 */
import { ENTRY_KIND_NAMES } from '../../../shared/domain/ledger';

export const ledgerText = {
  nav: '账簿',
  title: '账簿',
  count: (n: string) => `共 ${n} 笔`,

  // ── filters ──
  allAccounts: '全部科目',
  from: '开始日期',
  to: '结束日期',
  dateSeparator: '至',
  searchPlaceholder: '搜索摘要、付款方/收款方、票据号或房屋',

  // ── the table ──
  colNumber: '凭证号',
  colDate: '日期',
  colKind: '类型',
  colMemo: '摘要',
  colCounterparty: '付款方/收款方',
  colAccounts: '科目',
  colAddress: '房屋',
  colAmount: '金额（元）',
  reversedTag: '已冲销',
  reversalTag: '冲销',
  empty: '还没有记账。可以用“收入”“支出”“转账”记账，维修资金缴存请在“维修资金”中办理。',
  noMatch: '没有符合条件的凭证。',
  kinds: ENTRY_KIND_NAMES as Record<string, string>,

  // ── the side panel ──
  accountsTitle: '科目余额',
  closedThrough: (month: string) => `已结账至 ${month}`,
  notClosed: '尚未结账',
  accountFilterHint: '点击科目只看该科目的凭证',

  // ── buttons ──
  income: '收入',
  expense: '支出',
  transfer: '转账',
  closeMonth: '结账',

  // ── the three forms ──
  formTitle: { income: '记一笔收入', expense: '记一笔支出', transfer: '转账' } as Record<'income' | 'expense' | 'transfer', string>,
  formHelp: {
    income: '钱收进银行账户：选择收到钱的账户和这笔钱的来源。',
    expense: '钱从银行账户付出：选择付款的账户和这笔钱的用途。',
    transfer: '在两个科目之间转账：从哪个科目转出，转入哪个科目。',
  } as Record<'income' | 'expense' | 'transfer', string>,
  /** The label of each account field by form; the field names stay the contract's. */
  accountLabels: {
    income: { debit: '收款账户', credit: '款项来源' },
    expense: { debit: '用途', credit: '付款账户' },
    transfer: { debit: '转入', credit: '转出' },
  } as Record<'income' | 'expense' | 'transfer', { debit: string; credit: string }>,
  chooseAccount: (label: string) => `请选择${label}`,
  part: '房屋（分户账）',
  partHelp: (account: string) => `“${account}”按户记账，请选择这笔钱属于哪一户`,
  date: '记账日期',
  amount: '金额（元）',
  amountPlaceholder: '如 1234.56',
  memo: '摘要',
  memoPlaceholder: { income: '如 电梯广告费（2026年一季度）', expense: '如 支付公共收益管理成本', transfer: '如 公共收益转入维修资金' } as Record<'income' | 'expense' | 'transfer', string>,
  payer: '付款方',
  payee: '收款方',
  counterparty: '对方',
  reference: '票据号',
  save: '记账',
  recorded: (n: number) => `已记账：第 ${n} 号凭证`,

  // ── one entry ──
  entryDrawerTitle: '凭证',
  entryTitle: (n: number) => `凭证 第 ${n} 号`,
  entryDate: '日期',
  entryKind: '类型',
  entryMemo: '摘要',
  entryCreated: '记账',
  entryCreatedBy: (at: string, by: string) => `${at}　${by}`,
  entryReverses: '冲销的凭证',
  entryReversedBy: '已被冲销',
  openEntry: (n: number) => `第 ${n} 号`,
  movementTitle: '资金变动',
  householdsTitle: (n: string) => `分户明细（${n} 户）`,
  colAccount: '科目',
  colPart: '房屋',
  colCategory: '用途',
  colDirection: '收支',
  colLineAmount: '金额（元）',
  colHouseholds: '户数',
  neverEdited: '凭证记账后不能修改或删除；记错了，请用“冲销”生成一张金额相反的凭证，再重新记一笔。',
  reverse: '冲销',
  reverseTitle: (n: number) => `冲销第 ${n} 号凭证`,
  reverseHelp: '冲销会生成一张分录金额相反的新凭证，原凭证保留；两张凭证互相注明。冲销日期不能早于原凭证日期，也不能在已结账的月份。',
  reverseDate: '冲销日期',
  reverseReason: '冲销原因',
  reverseReasonPlaceholder: '如 房号录错，应为1幢102',
  reverseHouseholds: (n: string, amount: string) => `这张凭证记到 ${n} 户分户账（${amount} 元）：冲销将把每一户都冲回原金额。请先核对凭证中的分户明细。`,
  reversed: (n: number) => `已冲销，生成第 ${n} 号凭证`,

  // ── closing a month ──
  closeTitle: '结账',
  closeMonthLabel: '结账月份',
  closeHelp: (closed: string | null) =>
    `${closed ? `目前已结账至 ${closed}。` : '目前尚未结账。'}结账后，该月及以前各月即锁定：日期在这些月份的凭证（包括冲销）都将被拒绝，只能用以后月份的日期记账。只能结已经结束的月份。`,
  closeConfirm: (month: string) => `确认结账至 ${month}：此后日期在 ${month} 及以前的凭证都将不能记入。`,
  closeOk: '确认结账',
  closed: (month: string) => `已结账至 ${month}`,
} as const;
