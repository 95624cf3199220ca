/** Interface texts of features/treasury/reconciliation (zh-CN): 银行对账 — the fund's bank account against the fund, 待查明款项 and the other liabilities. */
export const reconciliationText = {
  nav: '银行对账',
  title: '银行对账',
  intro: '维修资金专户的银行余额，应当等于维修资金（各户分户账之和）加上待查明款项，再加上专户中的其他负债（尚未分配的利息、已付未分摊的维修款、代收的公共收益）。点击各项可看它的明细；有差额时，下面列出造成差额的凭证和流水。',
  yuan: '元',

  // ── the line ──
  bank: '银行余额',
  fund: '维修资金（分户合计）',
  unidentified: '待查明款项',
  other: '其他负债',
  difference: '差额',
  equals: '=',
  plus: '+',
  balanced: '相符',
  notBalanced: '不符',
  asOf: (date: string) => `截至 ${date}`,
  source: {
    statement: '取自银行对账单',
    opening: '取自期初建账',
    typed: '手工输入',
    books: '账面数（没有银行给出的余额）',
  } as Record<'statement' | 'opening' | 'typed' | 'books', string>,
  lineOpen: '银行对账',

  // ── choosing the bank figure ──
  figureLatest: '按银行给出的最新余额',
  figureTyped: '输入银行余额',
  typedAmount: '银行余额（元）',
  typedDate: '余额日期',
  typedPlaceholder: '如 123456.78',
  reconcile: '对账',
  toStatement: '银行流水',
  toFund: '维修资金',

  // ── the lists ──
  listFund: (n: string) => `维修资金为各户分户账余额之和，共 ${n} 户有余额。`,
  openFund: '查看各户分户账',
  listUnidentified: '待查明款项中的每一笔（含期初差额），合计等于科目余额：',
  openUnidentified: '去认领',
  listOther: '专户中的其他负债：',
  listEmpty: '无',
  colNumber: '凭证号',
  colDate: '日期',
  colKind: '类别',
  colMemo: '摘要',
  colCounterparty: '对方',
  colAmount: '金额（元）',
  numberText: (n: number) => `第 ${n} 号`,
  statementRow: '银行流水',
  project: '维修项目',

  // ── the explanation ──
  explainTitle: (amount: string) => `差额 ${amount} 元，由以下原因造成：`,
  booksBank: (amount: string) => `账面专户存款 ${amount} 元`,
  booksDiffer: (books: string, bank: string) => `账面专户存款 ${books} 元与银行余额 ${bank} 元不符：原因见下方，核对后冲销或补记。`,
  outsideFund: '只动了专户存款、没有动维修资金或负债（或反过来）的凭证：',
  notOnStatement: '账上已记、银行对账单上没有的收支（手工记账或未达账项）：',
  notInBooks: '银行对账单上有、但在账上已冲销且未重新入账的流水：',
  unexplained: (amount: string) => `其余 ${amount} 元无法从账上找到原因：可能有流水没有导入或选择了不导入，或输入的余额与日期不符。`,
  more: (n: string) => `另有 ${n} 笔未列出`,
  total: (amount: string) => `合计 ${amount} 元`,

  // ── the print block ──
  printTitle: '四、专户对账',
  printNote: '银行余额 = 维修资金（各户分户账之和）+ 待查明款项 + 其他负债',
};
