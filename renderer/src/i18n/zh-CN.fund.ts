/** Interface texts of features/treasury/fund (zh-CN): the maintenance fund, its sub-ledgers, and the fund rules of the community form. */
export const fundText = {
  nav: '维修资金',
  title: '维修资金',

  // ── the figures ──
  fund: '维修资金余额',
  households: '分户合计',
  bank: '专户存款',
  belowTopUp: '需续筹户数',
  yuanUnit: '元',
  householdUnit: '户',
  rateNotSet: '本小区尚未设置首期维修资金缴存标准：期初建账未导入应缴首期的房屋按 0 计，无法判断是否需要续筹。请在“小区管理”中编辑本小区，填写缴存标准（元/平方米）。',
  rateShown: (rate: string, trigger: number, target: number) => `首期缴存标准 ${rate} 元/平方米；余额低于首期应缴的 ${trigger}% 时需续筹，续筹至 ${target}%。`,

  // ── the households table ──
  searchPlaceholder: '搜索地址或业主姓名',
  belowOnly: '只看需续筹',
  count: (n: string) => `共 ${n} 户`,
  colAddress: '地址',
  colArea: '面积（㎡）',
  colOwners: '业主',
  colInitialDue: '应缴首期',
  colDeposited: '已缴存',
  colEarnings: '增值收益',
  colCharges: '已使用',
  colTransfers: '转入转出',
  colBalance: '余额',
  colTopUp: '续筹',
  needsTopUp: '需续筹',
  topUpAmount: (amount: string) => `${amount} 元`,
  empty: '本小区还没有专有部分。',
  noMatch: '没有符合条件的分户账。',

  // ── buttons ──
  deposit: '缴存',
  earnings: '分配增值收益',
  apportion: '按面积分摊试算',

  // ── the sub-ledger page ──
  subLedgerTitle: (address: string) => `分户账：${address}`,
  back: '返回维修资金',
  figures: '分户情况',
  ownersTitle: '产权人（各时期）',
  ownersNote: '房屋转让时，分户账余额随房屋一并转移，由买受人承继；下表列出各时期的产权人。',
  ownerNames: '产权人',
  ownerFrom: '起',
  ownerTo: '止',
  unknownDate: '日期不详',
  now: '至今',
  noOwners: '没有登记产权人',
  linesTitle: '分户账明细',
  colDate: '日期',
  colNumber: '凭证号',
  colMemo: '摘要',
  colCategory: '类别',
  colAmount: '发生额',
  colRunning: '余额',
  noLines: '这一户还没有维修资金收支。',
  categories: { deposit: '缴存', earning: '增值收益', charge: '使用', transfer: '转入转出' } as Record<string, string>,
  numberText: (n: number) => `第 ${n} 号`,

  // ── the part picker ──
  partPlaceholder: '输入地址查找房屋，如 1幢101',
  partNotFound: '没有找到，请换个写法，如“1幢101”',
  partHint: (due: string, deposited: string, balance: string) => `应缴首期 ${due} 元，已缴存 ${deposited} 元，余额 ${balance} 元`,
  partRequired: '请选择房屋',

  // ── deposit ──
  depositTitle: '缴存维修资金',
  part: '房屋',
  date: '缴存日期',
  amount: '金额（元）',
  amountPlaceholder: '如 8950.00',
  payer: '缴款人',
  memo: '摘要',
  memoPlaceholder: '不填则为“××缴存维修资金”',
  reference: '票据号',
  deposited: (n: number) => `已记入第 ${n} 号凭证`,

  // ── earnings ──
  earningsTitle: '分配维修资金增值收益',
  earningsHelp: '分配的是计息期内已经入账、尚未分配的利息（银行流水中分类为“利息”的结息，或在账簿中记入“待分配增值收益”的利息，扣除银行手续费），不另记银行收款；按各户分户账在计息期内的“余额×天数”分配，各户之和恰等于总额。已分配的利息不能再分配。请先预览核对，再确认入账。',
  earningsReceipts: '本次分配的利息收入',
  colReceipt: '凭证',
  colReceiptKind: '类别',
  start: '计息开始日期',
  end: '计息结束日期',
  postingDate: '记账日期',
  postingDateHelp: '不早于计息结束日期；不填则为计息结束日期',
  earningsMemoPlaceholder: '不填则为“分配维修资金增值收益（期间）”',
  preview: '预览分配',
  confirm: '确认入账',
  posted: '增值收益已入账',
  period: '计息期间',

  // ── apportion ──
  apportionTitle: '按面积分摊试算',
  apportionHelp: '维修费用由受益范围内的业主按专有部分面积分摊（《民法典》第二百八十三条）。试算只显示各户应分摊的金额，不记账。',
  building: '楼栋',
  entrance: '单元',
  wholeCommunity: '全小区',
  allEntrances: '整幢',
  apportionAmount: '分摊金额（元）',
  calculate: '试算',

  // ── shares ──
  total: '总额',
  basis: '分摊依据',
  totalWeight: '基数合计',
  method: '尾差处理',
  shareCount: (n: string) => `共 ${n} 户`,
  colShare: '金额（元）',

  // ── the look before a posting to many households (PostingConfirm) ──
  confirmPosting: {
    back: '返回修改',
    warningsTitle: '以下条件尚不具备。如确需先行记账，请写明理由；理由随凭证保存并记入操作日志。',
    reason: '理由',
    reasonHelp: '必填：说明为何在上述条件不具备时仍要记账。',
    reasonPlaceholder: '如 屋面渗漏危及安全须立即施工，公示与施工同步，经业委会会议同意',
    households: (n: string) => `${n} 户`,
  },
  earningsSummary: (total: string, n: string, period: string) => `将把 ${period} 的增值收益 ${total} 元按余额×天数分入 ${n} 户分户账，记一张凭证。请核对各户金额后确认。`,
  earningsConfirmTitle: '确认分配增值收益',
  householdsLabel: '入账户数',

  // ── the community form ──
  rules: {
    heading: '维修资金规则',
    rate: '首期维修资金缴存标准（元/平方米）',
    rateHelp: '按专有部分面积计算每户首期应缴金额；一般为当地房屋建筑安装工程造价的5%–8%。不填或填0表示尚未设置。',
    trigger: '续筹触发比例',
    triggerHelp: '分户账余额低于首期应缴金额的这一比例时需续筹。全国规定为30%。',
    target: '续筹目标比例',
    targetHelp: '续筹到首期应缴金额的这一比例。全国为30%；上海续筹至50%。',
    percent: '%',
  },
} as const;
