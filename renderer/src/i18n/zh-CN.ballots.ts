/** Interface texts of features/votes/ballots (zh-CN), merged into zhCN.ballots. */
type ChoiceKey = 'yes' | 'no' | 'abstain' | 'blank';

export const ballotsText = {
  title: '录入表决票',
  back: '返回表决',
  loading: '正在加载表决…',

  choices: { yes: '同意', no: '反对', abstain: '弃权', blank: '空白' } as Record<ChoiceKey, string>,
  choiceShort: { yes: '同', no: '反', abstain: '弃', blank: '空' } as Record<ChoiceKey, string>,
  choiceKeys: { yes: '1', no: '2', abstain: '3', blank: '0' } as Record<ChoiceKey, string>,
  notEntered: '未录入',
  invalid: '无效',

  // ── the top bar ──
  channel: '渠道',
  channelHelp: '渠道在各张票之间保持不变（Q 键切换）',
  returned: '已收回',
  returnedOf: (returned: string, subjects: string) => `${returned} / ${subjects}`,
  returnedUnit: '户（表决权人）',
  closedBanner: '表决已结束，不能再录入新票。已录入的票仍可「更正（修正案）」：更正作为修正案记录，保留原票，并重新计票。',

  // ── lookup ──
  lookupLabel: '查找表决权人',
  lookupPlaceholder: '输入票面编号，或房号、地址、业主姓名',
  lookupHelp: '编号完全一致时直接选中；有多个匹配时用 ↑ ↓ 选择，按 Enter 确定。',
  lookupNone: (text: string) => `没有找到“${text}”`,
  lookupMore: (shown: number, total: number) => `显示前 ${shown} 个，共 ${total} 个匹配，请输入更完整的编号或地址`,
  lookupSearching: '正在查找…',
  alreadyReturned: '已收回',

  // ── the subject ──
  code: '编号',
  addresses: '房屋',
  owners: '业主',
  area: '面积（㎡）',
  kinds: { developer: '建设单位', 'no-owner': '未登记业主' } as Record<string, string>,
  hasBallot: (by: string, at: string, channel: string) => `此户已有一张表决票（${channel}，${by} 于 ${at} 录入）。`,
  hasBallotOpen: '再录入一张时会提示处理重复票。',
  existingChoices: '已录入的选择',
  noItems: '本户不在任何议题的表决范围内，保存即记为已收回的票。',
  itemNo: (n: number) => `议题${n}`,
  itemArea: (area: string) => `本户计入面积 ${area} ㎡`,
  current: '当前',
  progress: (done: number, total: number) => `已录入 ${done} / ${total} 项`,
  idle: '查找并选中表决权人后，在这里逐项录入本票。',
  idleKeys: '输入编号（如 0001）会直接选中；输入房号（如 201）后按 Enter。',
  panelHint: '按 1 / 2 / 3 / 0 录入当前议题，Enter 保存',
  panelFocusHint: '点击此处或按 Tab 回到键盘录入',

  // ── toggles ──
  invalidToggle: '无效票',
  invalidKey: 'W',
  invalidReason: '无效原因',
  invalidReasonPlaceholder: '如 未签名、字迹无法辨认、一项多选',
  proxyToggle: '委托代理',
  proxyKey: 'D',
  proxyHolder: '代理人姓名',
  proxyDocument: '授权委托书',
  proxyDocumentPlaceholder: '如 授权委托书（2026年5月1日签）',
  proxyNote: '代理人按业主的意思表示投票。',

  save: '保存',
  saveKey: 'Enter',
  cancel: '取消本票',

  // ── the status line under the lookup (one line, replaced on each save; no message stack during entry) ──
  statusIdle: '保存结果显示在这里。',
  statusPass: { first: '第一遍', second: '第二遍' } as Record<'first' | 'second', string>,
  statusSaved: (addresses: string, pass: string | null, n: string) => ['已保存 ' + addresses, pass, `第 ${n} 张`].filter((x) => x !== null).join(' · '),
  statusReplaced: (addresses: string, n: string) => `已以本票替换原票 ${addresses} · 第 ${n} 张`,
  statusDiscarded: (addresses: string) => `已放弃本票 ${addresses}，原票不变`,
  statusCorrected: (addresses: string) => `已更正 ${addresses}`,
  statusAmended: (addresses: string) => `已更正 ${addresses}：记为修正案，计票已重新计算`,
  statusFailed: (addresses: string) => `未保存 ${addresses}`,

  // ── validation ──
  needSubject: '请先查找并选中表决权人',
  needChoices: (n: number) => `还有 ${n} 个议题未录入：按 1 / 2 / 3 录入，未填写的按 0 或空格记为空白`,
  needInvalidReason: '无效票须填写无效原因',
  needProxyHolder: '委托代理须填写代理人姓名',
  needProxyDocument: '委托代理须填写授权委托书',
  needReason: '请填写理由',

  // ── a second ballot ──
  conflictTitle: '此户已有表决票，本票未保存',
  conflictText: (by: string, at: string, channel: string) => `原票由 ${by} 于 ${at} 录入（${channel}）。请核对两张票后选择：以本票替换原票（须写明理由），或放弃本票。`,
  conflictItem: '议题',
  conflictExisting: '已录入的票',
  conflictNew: '本票',
  conflictValidity: '是否有效',
  conflictProxy: '代理人',
  valid: '有效',
  conflictReason: '替换理由',
  conflictReasonPlaceholder: '如 业主撤回原票并重新填写（见本票签名日期）',
  replaceWithThis: '以本票替换',
  discardThis: '放弃本票',
  replacedTag: '已替换原票',
  conflictKeys: 'Enter 以本票替换 · Esc 放弃本票',

  // ── double entry ──
  passLabel: '录入遍次',
  passes: { first: '第一遍录入', second: '第二遍复核录入' } as Record<'first' | 'second', string>,
  passBanner: {
    first: '第一遍录入：本遍录入的表决票计入计票。',
    second: '第二遍复核录入：须由第一遍之外的另一人按纸质票独立录入，不显示第一遍的内容；保存后与第一遍比对，不一致之处在表决页面“双人录入核对”中处理。同一户再次录入时替换本遍先前的录入。',
  } as Record<'first' | 'second', string>,
  checkCountLabel: '第二遍复核录入',
  checkEntered: (n: string) => `本次已录入 ${n} 张`,
  checkDifferences: '两遍不一致或只录入一遍',
  checkDifferencesUnit: '户（结束表决前须逐户核对）',
  checkAgain: '本次已对此户作过第二遍录入，再次保存将替换先前的第二遍录入。',
  checkRecentNote: '第二遍录错时，重新查找该户再录入一次即替换本遍先前的录入。',
  matchSame: '与第一遍一致',
  matchDiffers: '与第一遍不一致',
  matchNoFirst: '第一遍未录入',

  // ── recent ──
  recentTitle: '本次录入',
  recentEmpty: '还没有录入表决票。',
  recentNote: '已保存的票不能撤销；录错的票请「更正」并写明理由。',
  correct: '更正',
  correctAmend: '更正（修正案）',
  corrected: '已更正',

  // ── the correction dialog ──
  correctTitle: (code: string, addresses: string) => `更正表决票：${code} ${addresses}`,
  amendTitle: (code: string, addresses: string) => `更正表决票（修正案）：${code} ${addresses}`,
  correctHelp: '按 1 / 2 / 3 / 0 修改当前议题，↑ ↓ 换议题。更正会保留原票并记录理由。',
  amendHelp: '表决已结束：本次更正将作为修正案记录，保留原票和理由，并重新计票；结果公告按更正后的计票。',
  correctReason: '更正理由',
  correctReasonPlaceholder: '如 录入时误读第2项（原票为反对）',
  correctOk: '保存更正',

  // ── legend ──
  legendTitle: '按键',
  legend: [
    ['1', '同意'],
    ['2', '反对'],
    ['3', '弃权'],
    ['0 / 空格', '空白（未填）'],
    ['退格', '回到上一项'],
    ['↑ ↓', '换议题 / 选匹配项'],
    ['Enter', '保存，录下一张'],
    ['Esc', '取消本票，回到查找'],
    ['W', '无效票'],
    ['D', '委托代理'],
    ['Q', '切换渠道'],
  ] as [string, string][],

  // ── import ──
  importTitle: '从 Excel 或 CSV 导入表决票',
  importHelp: '每行一张收回的表决票，用该户任一房屋的地址（楼栋、单元、房号）指明；每个议题一列，列名写「议题1」「议题2」…或议题的标题，列的顺序不限，每格填 同意、反对 或 弃权，不在该议题范围内的户须留空。「有效」填 否 的为无效票，原因写在「备注」。可以是 Excel（.xlsx）或 CSV（UTF-8 或 GBK）。全部导入或全部不导入。',
  importColumns: '第1行为表头，列名如下（顺序不限）：',
  importOptional: '（可选）',
  importChoose: '选择文件（.xlsx / .csv）',
  importNoFile: '尚未选择文件',
  importPreviewing: '正在检查文件…',
  importOk: (rows: string) => `文件没有错误：共 ${rows} 张表决票，可以导入。`,
  importConfirm: '导入',
  imported: (n: string) => `已导入 ${n} 张表决票`,
  importClosed: '表决已结束，不能再导入表决票。',
} as const;
