/** Texts of the dialog shown when a save met a newer revision (components/ConflictDialog.tsx, issue 17), merged into zhCN.conflict. */
export const conflictText = {
  title: '保存前，这条记录已被他人修改',
  help: '下表列出不一致的字段。请对照后选择：',
  field: '字段',
  opened: '您打开时',
  theirs: '对方修改后',
  mine: '您填写的',
  empty: '（空）',
  sameAll: '对方修改的内容未在本表单中显示（如状态、成员或附属内容），您的填写与对方一致的部分不受影响。',
  overwrite: '用我的内容覆盖',
  takeTheirs: '采用对方的内容',
  keepEditing: '继续编辑',
  readFailed: '读取对方修改后的内容失败：',
  gone: '这条记录已不存在',
};
