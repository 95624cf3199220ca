/** Interface texts of features/meetings/matters (zh-CN), merged into zhCN.matters. */

/** 2026-05-03 → 2026年5月3日 (how a date is written inside a sentence). */
function inlineDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** What decided a matter, as matter.get gives it. */
type Decision =
  | { kind: 'vote'; title: string; closedOn: string; items: readonly {
    title: string; passed: boolean; threshold: 'three-quarters' | 'majority'; participationArea: string; participationCount: string; yesArea: string; yesCount: string;
  }[] }
  | { kind: 'meeting'; title: string; meetingKind: string; date: string; membersTotal: number | null; items: readonly { title: string; yes: number; passed: boolean }[] };

function decisionSource(d: Decision): string {
  return d.kind === 'vote'
    ? `经业主共同表决（${d.title}，${inlineDate(d.closedOn)}结束）`
    : `经${inlineDate(d.date)}召开的${d.meetingKind}（${d.title}）表决`;
}

/** One line per item: the shares (or the count) and whether it passed, in the words residents expect. */
function decisionLines(d: Decision): string[] {
  if (d.kind === 'meeting') {
    return d.items.map((i) => `“${i.title}”：${d.membersTotal !== null ? `应到成员${d.membersTotal}人，` : ''}同意${i.yes}人，${i.passed ? '决定通过' : '未获通过'}。`);
  }
  return d.items.map((i) => {
    const need = i.threshold === 'three-quarters' ? '四分之三以上' : '过半数';
    return `“${i.title}”：参与表决的专有部分面积占总面积的${i.participationArea}，人数占总人数的${i.participationCount}；`
      + `同意的面积占参与表决面积的${i.yesArea}，人数占参与表决人数的${i.yesCount}`
      + `（须参与表决的面积和人数均达三分之二以上，同意的面积和人数均达${need}），${i.passed ? '表决通过' : '未获通过'}。`;
  });
}

/** What to add to a matter at each step of the default workflow, and by a step's kind for an office's own steps. */
const attachmentHints = {
  byKey: {
    suggest: '党员群众的建议书、联名信或意见征集表的扫描件或照片',
    propose: '小区党组织的提议书（提议函）及其会议记录的扫描件',
    joint: '联席会议的签到表、会议记录的扫描件或照片',
    party: '党员大会的签到表、审议记录的扫描件',
    resolve: '业主（代表）大会的表决结果统计表、会议决议的扫描件',
    'publish-resolution': '张贴在公告栏的决议公告照片（看得清张贴位置和日期）',
    'publish-result': '张贴的实施结果公告照片，以及验收单、结算单等',
    file: '社区签收的备案回执或登记表的扫描件',
  } as Record<string, string>,
  byKind: {
    plain: '本步骤的书面材料扫描件或照片',
    meeting: '会议签到表、会议记录的扫描件或照片',
    publication: '张贴公告的照片（看得清张贴位置和日期）',
    filing: '接收单位签收的备案回执扫描件',
  },
};

export const mattersText = {
  attachmentHints,
  inlineDate,
  board: {
    title: '事项办理',
    sub: '五议两公开一备案',
    intro: '每个事项按办理流程逐步推进。卡片所在的列是它正在等待办理的步骤；等待时间超过该步骤预计天数的标为“超期”。',
    create: '新建事项',
    viewBoard: '看板',
    viewTable: '列表',
    done: '已办结',
    otherSteps: '其他步骤',
    otherStepsHint: '按其他流程办理、步骤不在当前默认流程中的事项',
    waiting: (days: number) => `已等待 ${days} 天`,
    doneOn: (date: string) => `办结于 ${date}`,
    overdue: '超期',
    empty: '暂无',
    emptyAll: '本小区还没有事项。点击“新建事项”登记居民或党员提出的建议。',
    noDefault: '尚未设置默认办理流程，看板按事项自身的步骤分列。',
    count: (n: number) => `共 ${n} 件`,
    stepOf: (i: number, n: number) => `第${i}/${n}步`,
    workflowsLink: '办理流程设置',
    searchLink: '全文检索',
  },
  table: {
    title: '事项名称',
    category: '类别',
    raisedOn: '提出日期',
    step: '当前步骤',
    progress: '进度',
    waiting: '等待天数',
    status: '状态',
    statusDone: '已办结',
    statusOverdue: '超期',
    statusOpen: '办理中',
  },
  form: {
    createTitle: '新建事项',
    editTitle: '修改事项信息',
    title: '事项名称',
    titlePlaceholder: '如：更换3幢电梯',
    category: '类别',
    categoryHint: '民法典第二百七十八条所列由业主共同决定的事项，其他事项选“其他”',
    description: '事项说明',
    descriptionPlaceholder: '建议的内容、理由、涉及范围等',
    raisedBy: '提出人',
    raisedByPlaceholder: '如：3幢业主张某某等12户',
    raisedOn: '提出日期',
    workflow: '办理流程',
    workflowOption: (name: string, version: number, isDefault: boolean) => `${name}（第${version}版）${isDefault ? '· 默认' : ''}`,
    submitCreate: '创建并打开',
    created: '事项已创建',
    saved: '事项信息已保存',
  },
  page: {
    pendingVote: (vote: string, closedAt: string, step: string) => `业主表决“${vote}”已于 ${closedAt} 结束，“${step}”待前面的步骤办完后自动记录`,
    pendingVoteMissing: (missing: string) => `尚缺：${missing}`,
    openVote: '查看表决',
    back: '返回事项看板',
    category: '类别',
    raisedBy: '提出人',
    raisedOn: '提出日期',
    workflow: '办理流程',
    workflowVersion: (name: string, version: number) => `${name}（第${version}版）`,
    versionNote: '本事项按开始办理时的流程版本办理，此后修改流程不影响本事项。',
    progress: (done: number, total: number) => `已办 ${done}/${total} 步`,
    description: '事项说明',
    noDescription: '（未填写）',
    editInfo: '修改',
    timeline: '办理进程',
    printResolution: '打印决议公告',
    printResult: '打印实施结果公告',
    printDraft: (step: string) => `“${step}”尚未登记，将打印草稿（标有“草稿”）`,
    noPublicationStep: '本事项的流程中没有对应的公示步骤',
    attachments: '相关文件',
    attachmentHint: (step: string, hint: string) => `正在办理“${step}”：${hint}。可添加 PDF、图片、Word/Excel 文档或纯文本，添加文件不会改变已记录的步骤。`,
    attachmentHintDone: '可添加本事项各步骤的材料：建议书、会议记录、表决结果、张贴公告的照片、备案回执等。添加文件不会改变已记录的步骤。',
    finished: '全部步骤已办理完毕，事项已办结。',
    waiting: (step: string, days: number) => `正在等待“${step}”，已等待 ${days} 天`,
    overdue: (days: number) => `超过预计的 ${days} 天`,
  },
  step: {
    vote: '业主表决',
    openVote: '查看表决结果',
    done: '已办理',
    skipped: '已跳过',
    next: '待办理',
    future: '未办理',
    optional: '可跳过',
    date: '日期',
    meeting: '会议',
    posting: '公示期',
    postingRange: (from: string, to: string) => `${from} 至 ${to}`,
    filingBody: '接收备案单位',
    document: '文件',
    note: '说明',
    noticeText: '公告正文',
    skipReason: '跳过理由',
    recorded: (by: string, at: string) => `${by} 记录于 ${at}`,
    act: '办理此步',
    expected: (days: number) => `预计 ${days} 天`,
  },
  kinds: {
    plain: '一般',
    meeting: '会议',
    publication: '公示',
    filing: '备案',
  },
  advance: {
    title: (step: string) => `办理：${step}`,
    mode: '办理方式',
    modeDo: '办理',
    modeSkip: '跳过此步',
    date: '办理日期',
    meeting: '相关会议',
    meetingPlaceholder: '选择本小区的会议（可不选）',
    meetingOption: (date: string, kind: string, title: string) => `${date} ${kind}：${title}`,
    noMeetings: '本小区还没有会议记录',
    postingStart: '公示开始日期',
    postingEnd: '公示结束日期',
    noticeText: '公告正文',
    noticeHint: '打印公告时使用这段文字，每段一行。',
    filingBody: '接收备案单位',
    filingPlaceholder: '如：南湖社区居民委员会',
    document: '文件',
    documentPlaceholder: '文件名称或编号（选填）',
    note: '说明',
    skipReason: '跳过理由',
    skipReasonPlaceholder: '写明为什么跳过此步',
    submit: '记录',
    submitSkip: '确认跳过',
    saved: (step: string) => `“${step}”已记录`,
    skipped: (step: string) => `“${step}”已跳过`,
    refusedTitle: '未能记录，原因如下：',
    needPosting: '请填写公示开始和结束日期',
    needFilingBody: '请填写接收备案的单位',
    needSkipReason: '请写明跳过的理由',
    /** The 决议公告's first draft: what decided the matter (a vote's result, a meeting's count) in plain words, or a line to fill in. */
    resolutionTemplate: (title: string, previous: { name: string; date: string } | null, decision: Decision | null) => [
      decision
        ? `关于“${title}”一事，${decisionSource(decision)}，现将结果公告如下：`
        : `关于“${title}”一事，${previous ? `已于${inlineDate(previous.date)}经${previous.name}通过，` : ''}现将决议内容公告如下：`,
      ...(decision ? decisionLines(decision) : ['']),
      '公示期内，业主如有意见或建议，请以书面形式向小区业主委员会反映。',
    ].join('\n'),
    postingHint: (days: number) => `公示结束日期按开始日期后${days}日预填（流程规定的公示期不少于${days}日），可修改。`,
    fromDraft: '已按打印的草稿预填：张贴日期为今天，公示期和公告正文与草稿相同。',
    attachHint: (hint: string) => `本步骤的材料：${hint}。记录后在“相关文件”中添加。`,
    resultTemplate: (title: string) => [
      `关于“${title}”的决议已组织实施，现将实施结果公告如下：`,
      '一、实施内容：',
      '二、完成时间：',
      '三、费用及支付情况：',
      '公示期内，业主如有意见或建议，请以书面形式向小区业主委员会反映。',
    ].join('\n'),
  },
  print: {
    resolutionTitle: (title: string) => `关于${title}的决议公告`,
    resultTitle: (title: string) => `关于${title}实施结果的公告`,
    addressee: '全体业主',
    posting: (from: string, to: string) => `公示期：${from}至${to}`,
    issuer: (community: string) => `${community}业主委员会`,
    notRecorded: (step: string) => `“${step}”尚未办理，办理并填写公告正文后才能打印。`,
    skipped: (step: string) => `“${step}”已跳过，没有可打印的公告。`,
    noStep: (which: string) => `本事项的办理流程中没有${which}对应的公示步骤。`,
    resolution: '决议公告',
    result: '实施结果公告',
    loading: '正在准备公告…',
    draftMark: '草稿',
    draftLabel: '草稿 · 本稿未登记公示',
    draftBanner: (step: string) => `“${step}”尚未登记：这是草稿，打印件上标有“草稿”。张贴后请登记此步，正式公告即可打印。`,
    recordPrompt: (step: string) => `已张贴？登记“${step}”步骤`,
    recordPromptBody: '登记后，这份公告即成为正式公告（公示期、正文按草稿预填，可修改）。',
    recordNow: (step: string) => `登记“${step}”`,
    later: '稍后再说',
  },
  workflows: {
    title: '办理流程',
    intro: '办理流程规定事项要经过的步骤、顺序和可否跳过。修改流程会保存为新版本：新建的事项按最新版本办理，已开始办理的事项仍按原来的版本办理。',
    create: '新建流程',
    edit: '修改（保存为新版本）',
    isDefault: '默认',
    makeDefault: '设为默认流程',
    makeDefaultConfirm: '新建事项将默认按此流程办理，已开始办理的事项不受影响。确定吗？',
    defaultSet: (name: string) => `“${name}”已设为默认流程`,
    current: '现行',
    old: '旧版本',
    version: (n: number) => `第${n}版`,
    versions: '版本',
    steps: (n: number) => `${n} 个步骤`,
    matters: (n: number) => `${n} 件事项`,
    createdAt: '创建时间',
    showSteps: '查看步骤',
    empty: '还没有办理流程',
    colVersion: '版本',
    colSteps: '步骤数',
    colMatters: '使用该版本的事项',
    colCreated: '创建时间',
  },
  editor: {
    newTitle: '新建办理流程',
    editTitle: (name: string, version: number) => `修改“${name}”（将保存为第${version}版）`,
    name: '流程名称',
    namePlaceholder: '如：维修资金使用流程',
    versionNote: '保存后生成新版本。已开始办理的事项仍按原版本办理；之后新建的事项使用新版本。',
    colNo: '序号',
    colName: '步骤名称',
    colKey: '代码',
    colKind: '类型',
    colOptional: '可跳过',
    colDays: '预计天数',
    colActions: '操作',
    newKey: '（保存时生成）',
    up: '上移',
    down: '下移',
    remove: '删除',
    add: '添加步骤',
    newStepName: '新步骤',
    save: '保存',
    saved: (name: string, version: number) => `已保存“${name}”第${version}版`,
    kindHint: '会议：可关联一次会议；公示：须填写公示期和公告正文；备案：须填写接收备案单位。',
  },
  search: {
    title: '全文检索',
    intro: '在本小区的会议纪要、事项、会议议程、业主表决和问题台账中查找文字，一个字也可以查。',
    placeholder: '输入要查找的文字',
    types: { minutes: '纪要', matter: '事项', agenda: '议程', vote: '表决', issue: '问题' },
    count: (n: number) => `找到 ${n} 条`,
    none: (text: string) => `没有找到包含“${text}”的纪要、事项、议程、表决或问题`,
    prompt: '输入文字后按回车查找',
  },
} as const;
