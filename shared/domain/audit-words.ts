/**
 * The audit log in the office's words: each kind of action and of record as the log screen, its filters and its
 * xlsx export name them (one list, so the screen and the file say the same). A kind not listed here shows as
 * stored — a new action is still visible, just not yet in words.
 */

export const AUDIT_ACTION_NAMES: Record<string, string> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  'import-roster': '导入花名册',
  import: '导入',
  'set-owners': '设置业主',
  'set-day': '设置节假日',
  'recover-password': '用恢复码重设密码',
  'change-password': '修改密码',
  'reset-password': '重置密码',
  disable: '停用账户',
  enable: '启用账户',
  'rehash-password': '更新密码存储',
  backup: '备份',
  restore: '恢复',
  login: '登录',
  logout: '退出',
  'view-personal-data': '查看完整证件号和电话',
  'view-full-document': '查看完整证件号',
  'view-full-phone': '查看完整电话',
  'unlock-data-key': '用恢复码解锁数据密钥',
  'protect-data-key': '用恢复码保护数据密钥',
  'delete-plaintext-backups': '删除明文备份',
  attach: '添加附件',
  override: '说明理由后越过规则',
  'save-pdf': '保存为PDF',
  'office-server-start': '开启办公室服务器',
  'office-server-stop': '停止办公室服务器',
  // meetings, minutes, matters
  'set-attendees': '登记参会人员',
  'record-results': '记录会议表决结果',
  'post-decisions': '公告决定',
  approve: '审定纪要',
  correct: '更正纪要',
  complete: '办结待办事项',
  advance: '办理下一步',
  'skip-step': '跳过步骤',
  'set-default': '设为默认流程',
  // votes and ballots
  record: '录入表决票',
  replace: '更换表决票',
  amend: '补正表决票',
  check: '核对',
  settle: '处理双录差异',
  refreeze: '重新确定表决范围',
  close: '结束',
  'post-result': '公告表决结果',
  // the books
  post: '记账',
  reverse: '冲销凭证',
  'close-month': '月结',
  'open-books': '期初建账',
  'import-statement': '导入银行流水',
  reclassify: '重新归类银行流水',
  claim: '认领待查明款项',
  notice: '公示',
  charge: '分摊维修费用',
  'set-budget': '设置预算',
  // contracts, issues
  'non-renewal-notice': '不续约通知',
  'owners-decision-renew': '业主决定续聘',
  'owners-decision-replace': '业主决定另聘',
  'termination-notice': '解除合同通知',
  ended: '合同终止',
  'handed-over': '完成交接',
  dispatch: '派单',
  plan: '制定处理方案',
  status: '变更状态',
  escalate: '提级',
  // the three levels of offices
  register: '登记办公室',
  export: '导出交换包',
  answer: '答复上报问题',
  // 复核 (two-person control)
  'request-review': '提交复核',
  'confirm-review': '复核确认',
  'reject-review': '复核退回',
  'withdraw-review': '撤回复核',
};

export const AUDIT_ENTITY_NAMES: Record<string, string> = {
  community: '小区',
  part: '专有部分',
  person: '业主',
  ownership: '产权',
  user: '账号',
  review: '复核',
  backup: '备份',
  database: '数据库',
  import: '导入',
  holiday: '节假日',
  workflow: '办理流程',
  meeting: '会议',
  minutes: '会议纪要',
  action_item: '待办事项',
  matter: '事项',
  vote: '表决',
  ballot: '表决票',
  ledger: '账簿',
  journal_entry: '记账凭证',
  statement_row: '银行流水',
  repair_project: '维修项目',
  budget: '预算',
  company: '物业企业',
  service_contract: '物业服务合同',
  contract_evaluation: '合同履行评价',
  community_body: '组织',
  body_candidate: '候选人',
  issue: '问题',
  mediation: '调解',
  printout: '打印件',
  office: '办公室',
  exchange_package: '交换包',
  issue_answer: '对上报问题的答复',
  office_notice: '通知',
};

/**
 * The actions that showed someone a person's full ID number or phone (issue 16: who saw whose): one row per value
 * shown (main/services/register/persons.ts), and view-personal-data from before that, when one row named both.
 */
export const PERSONAL_DATA_VIEWS = ['view-personal-data', 'view-full-document', 'view-full-phone'] as const;

export function auditActionName(action: string): string {
  return AUDIT_ACTION_NAMES[action] ?? action;
}

export function auditEntityName(entity: string): string {
  return AUDIT_ENTITY_NAMES[entity] ?? entity;
}
